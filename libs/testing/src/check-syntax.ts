import {execFile} from 'node:child_process';
import {accessSync, constants, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {CompletionShell} from '@vmspawn/cli';

/** Whether a shell is on PATH: zsh and fish are optional where the tests run (for tests). */
export function shellInstalled(shell: CompletionShell, env: NodeJS.ProcessEnv = process.env): boolean {
	return (env['PATH'] ?? '').split(':').some(directory => {
		try {
			accessSync(join(directory, shell), constants.X_OK);
			return true;
		} catch {
			return false;
		}
	});
}

/** The shell's complaint about a completion script (`SHELL -n FILE`), or undefined when it parses (for tests). */
export async function completionSyntaxError(shell: CompletionShell, script: string): Promise<string | undefined> {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-completion-'));
	const file = join(directory, `completion.${shell}`);
	writeFileSync(file, script);
	try {
		return await new Promise(resolve => {
			execFile(shell, [...(shell === 'fish' ? ['--no-config'] : []), '-n', file], {encoding: 'utf8', timeout: 60_000}, (error, _stdout, stderr) => {
				resolve(error ? stderr || error.message : undefined);
			});
		});
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
}
