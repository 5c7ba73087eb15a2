import {basename} from 'node:path';
import {type CheckResult, fail, ok, warn} from '../check-result.js';
import type {PreflightInput} from '../run-input.js';
import {isSystemProgram, notExecutable} from '../system-program.js';
import {versionLine} from '../version-line.js';

// Helpers are often wrapped (setpriv, unshare); the program that matters is the first absolute path.
function programOf(argv: readonly string[]): string {
	return argv.find(word => word.startsWith('/')) ?? argv[0] ?? '';
}

type Probe = {line?: string; problem?: string; notRun?: true};

// A plan names programs: one outside the system directories is named, not run to ask its version.
async function probe(binary: string, input: PreflightInput): Promise<Probe> {
	if (isSystemProgram(binary, input.env)) {
		return versionLine(binary, input.host.run);
	}

	const problem = notExecutable(binary);
	return problem ? {problem: `cannot be started (${problem})`} : {notRun: true};
}

function report(label: string, binary: string, {line, problem, notRun}: Probe): CheckResult {
	if (notRun) {
		return warn(label, `would run ${binary} (not in a system directory); not started to ask its version`);
	}

	return problem ? fail(label, `${binary} ${problem}`) : ok(label, `${binary}: ${line}`);
}

/** qemu and every helper binary can be started, with the version each reports. */
export async function checkBinaries(input: PreflightInput): Promise<CheckResult[]> {
	const programs = new Map<string, string>([['qemu', input.argv[0] ?? '']]);
	for (const helper of input.helpers) {
		programs.set(helper.name, programOf(helper.argv));
	}

	// One --version per distinct binary: several virtiofsd helpers are one program.
	const versions = new Map<string, Promise<Probe>>();
	return Promise.all(
		[...programs].map(async ([name, binary]) => {
			if (!versions.has(binary)) {
				versions.set(binary, probe(binary, input));
			}

			const label = name === basename(binary) || name === 'qemu' ? name : `${name} (${basename(binary)})`;
			return report(label, binary, await versions.get(binary)!);
		}),
	);
}
