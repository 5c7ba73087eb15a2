import {fileURLToPath} from 'node:url';
import {execa} from 'execa';

export type ToolName = 'vmspawn-firmware' | 'vmspawn-cid' | 'vmspawn-tpm' | 'vmspawn-fs' | 'vmspawn-run';

export type ToolResult = {exitCode: number; stdout: string; stderr: string};

/** The installed entry point of a tool, as a user runs it (the built JavaScript, not the sources). */
export function toolPath(tool: ToolName): string {
	return fileURLToPath(new URL(`../../tools/${tool}/bin/${tool}.js`, import.meta.url));
}

/** Runs a tool to completion; stdin is closed unless input is given. */
export async function runTool(
	tool: ToolName,
	args: readonly string[],
	options: {input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number} = {},
): Promise<ToolResult> {
	const result = await execa('node', [toolPath(tool), ...args], {
		reject: false,
		...(options.input === undefined ? {stdin: 'ignore' as const} : {input: options.input}),
		env: {...process.env, ...options.env},
		timeout: options.timeoutMs ?? 240_000,
		stripFinalNewline: false,
	});
	return {exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr)};
}
