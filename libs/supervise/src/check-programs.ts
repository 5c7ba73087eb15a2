import {accessSync, constants, statSync} from 'node:fs';
import {errno} from '@vmspawn/cli';
import {findBinary} from '@vmspawn/host';
import type {HelperProcess} from '@vmspawn/plan';

export type UnrunnableHelper = {readonly exitCode: number; readonly message: string};

function problemWith(program: string): {code: 'ENOENT' | 'EACCES'; why: string} | undefined {
	if (!program.includes('/')) {
		return findBinary(program) ? undefined : {code: 'ENOENT', why: 'is not on $PATH'};
	}

	try {
		if (!statSync(program).isFile()) {
			return {code: 'EACCES', why: 'is not a file'};
		}

		accessSync(program, constants.X_OK);
		return undefined;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'ENOENT' ? {code, why: 'does not exist'} : {code: 'EACCES', why: 'cannot be executed'};
	}
}

/**
 * The first helper whose program cannot run, as the errno status and one line.
 * Checked before anything starts: a plan naming a program that is missing (made on
 * another host, or uninstalled since) would otherwise fail halfway through the
 * start with the launcher's complaint instead of ours.
 */
export function unrunnableHelper(helpers: readonly HelperProcess[]): UnrunnableHelper | undefined {
	for (const helper of helpers) {
		const program = helper.argv[0] ?? '';
		const problem = problemWith(program);
		if (problem) {
			return {exitCode: errno[problem.code], message: `helper ${helper.name}: its program ${program} ${problem.why}`};
		}
	}

	return undefined;
}
