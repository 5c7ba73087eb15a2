import type {RunCommand} from '@vmspawn/host';

/** The first line a program prints for --version, or why there is none. */
export async function versionLine(binary: string, run: RunCommand): Promise<{line?: string; problem?: string}> {
	const result = await run([binary, '--version'], {timeoutMs: 10_000});
	const line = `${result.stdout}\n${result.stderr}`
		.split('\n')
		.map(text => text.trim())
		.find(Boolean);
	if (result.spawnError) {
		return {problem: `cannot be started (${result.spawnError})`};
	}

	if (result.code !== 0) {
		return {problem: `--version exited with status ${result.code ?? result.signal}${line ? `: ${line}` : ''}`};
	}

	return line ? {line} : {problem: '--version printed nothing'};
}
