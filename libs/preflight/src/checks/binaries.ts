import {basename} from 'node:path';
import {type CheckResult, fail, ok} from '../check-result.js';
import type {PreflightInput} from '../run-input.js';
import {versionLine} from '../version-line.js';

// Helpers are often wrapped (setpriv, unshare); the program that matters is the first absolute path.
function programOf(argv: readonly string[]): string {
	return argv.find(word => word.startsWith('/')) ?? argv[0] ?? '';
}

/** qemu and every helper binary can be started, with the version each reports. */
export async function checkBinaries(input: PreflightInput): Promise<CheckResult[]> {
	const programs = new Map<string, string>([['qemu', input.argv[0] ?? '']]);
	for (const helper of input.helpers) {
		programs.set(helper.name, programOf(helper.argv));
	}

	// One --version per distinct binary: several virtiofsd helpers are one program.
	const versions = new Map<string, ReturnType<typeof versionLine>>();
	return Promise.all([...programs].map(async ([name, binary]) => {
		if (!versions.has(binary)) {
			versions.set(binary, versionLine(binary));
		}

		const {line, problem} = await versions.get(binary)!;
		const label = name === basename(binary) || name === 'qemu' ? name : `${name} (${basename(binary)})`;
		return problem ? fail(label, `${binary} ${problem}`) : ok(label, `${binary}: ${line}`);
	}));
}
