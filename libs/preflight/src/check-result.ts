/** One preflight finding: ok, a warning the run survives, or a failure that would stop it. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

export type CheckResult = {
	/** What was checked, e.g. "qemu", "socket paths", "image". */
	readonly check: string;
	readonly status: CheckStatus;
	readonly detail: string;
};

export const ok = (check: string, detail: string): CheckResult => ({check, status: 'ok', detail});
export const warn = (check: string, detail: string): CheckResult => ({check, status: 'warn', detail});
export const fail = (check: string, detail: string): CheckResult => ({check, status: 'fail', detail});
