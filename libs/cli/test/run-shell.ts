import {execFile} from 'node:child_process';

/** Runs a shell with arguments, a completion script in $SCRIPT; resolves with stdout, rejects with stderr. */
export async function runShell(shell: string, args: readonly string[], script: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
	return new Promise((resolve, reject) => {
		execFile(shell, args, {encoding: 'utf8', env: {...env, SCRIPT: script}, timeout: 60_000}, (error, stdout, stderr) => {
			if (error) {
				reject(new Error(`${shell} failed: ${stderr || error.message}`));
			} else {
				resolve(stdout);
			}
		});
	});
}
