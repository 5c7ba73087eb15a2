import type {RunCommand} from '@vmspawn/host';
import type {JournalLimits} from './limits.js';

// systemd-journal-remote learnt --max-use= and the others in the release upstream vmspawn
// started passing them with; systemd 252's (Debian 12) has neither those options nor config keys.
const limitFlag = '--max-use=';

/**
 * The limits the installed journal-remote can apply: all of them, or none with a warning.
 * Its own defaults still bound what the guest can make it write (a share of the file
 * system), so running without the given limits is safer than failing mkosi's whole run.
 */
export async function applicableLimits(journalRemote: string, limits: JournalLimits, run: RunCommand): Promise<{limits: JournalLimits; warning?: string}> {
	if (Object.keys(limits).length === 0) {
		return {limits};
	}

	const help = await run([journalRemote, '--help'], {timeoutMs: 10_000});
	if (help.code === 0 && help.stdout.includes(limitFlag)) {
		return {limits};
	}

	const version = /^systemd (\d+)/m.exec((await run([journalRemote, '--version'], {timeoutMs: 10_000})).stdout)?.[1];
	const which = version ? `systemd-journal-remote of systemd ${version}` : `${journalRemote}`;
	return {
		limits: {},
		warning: `${which} cannot limit the forwarded journal (it has no ${limitFlag}): --forward-journal-max-use= and the other limits are not applied; its own defaults are`,
	};
}
