import {execFile} from 'node:child_process';

// Loads the script, finds the function `complete -F` registered for the command and calls it as bash would.
const driver = `
eval "$VMSPAWN_COMPLETION_SCRIPT" || exit 1
spec=$(complete -p "$1") || exit 1
function=\${spec#*-F }
function=\${function%% *}
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=\${#COMP_LINE}
"$function" "$1" "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
((\${#COMPREPLY[@]} == 0)) || printf '%s\\n' "\${COMPREPLY[@]}"
`;

/**
 * What a bash completion script offers (its COMPREPLY) for `words`, the command line as bash
 * splits it into COMP_WORDS, the last word being completed. Runs a real bash (for tests).
 */
export async function completeInBash(script: string, words: readonly string[], options: {env?: NodeJS.ProcessEnv; cwd?: string} = {}): Promise<string[]> {
	return new Promise((resolve, reject) => {
		execFile(
			'bash',
			['--norc', '--noprofile', '-c', driver, 'bash', ...words],
			{
				encoding: 'utf8',
				env: {...(options.env ?? process.env), VMSPAWN_COMPLETION_SCRIPT: script},
				...(options.cwd ? {cwd: options.cwd} : {}),
				timeout: 60_000,
			},
			(error, stdout, stderr) => {
				if (error) {
					reject(new Error(`bash completion failed: ${stderr || error.message}`));
				} else {
					resolve(stdout === '' ? [] : stdout.slice(0, -1).split('\n'));
				}
			},
		);
	});
}
