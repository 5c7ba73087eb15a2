import type {CheckResult} from './check-result.js';

const labels = {ok: 'ok', warn: 'warn', fail: 'FAIL'} as const;
const colours = {ok: '32', warn: '33', fail: '1;31'} as const;

/** One line per check, "ok   qemu: ...", coloured by status on a terminal. */
export function formatChecks(results: readonly CheckResult[], colour: boolean): string {
	return results
		.map(({check, status, detail}) => {
			const label = labels[status].padEnd(4);
			return `${colour ? `\u001B[${colours[status]}m${label}\u001B[0m` : label} ${check}: ${detail}\n`;
		})
		.join('');
}
