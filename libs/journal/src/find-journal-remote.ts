import {CliError, errno} from '@vmspawn/cli';
import type {Host} from '@vmspawn/host';

// Upstream looks in systemd's libexec directory first, then $PATH.
const libexecCandidates = ['/usr/lib/systemd/systemd-journal-remote', '/lib/systemd/systemd-journal-remote'];

export function findJournalRemote(env: NodeJS.ProcessEnv, host: Host): string {
	const found = host.findBinary('systemd-journal-remote', libexecCandidates, env);
	if (found === undefined) {
		throw new CliError('--forward-journal= needs systemd-journal-remote, which is not installed (Debian: apt-get install systemd-journal-remote)', {
			exitCode: errno.ENOENT,
		});
	}

	return found;
}
