import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

export {type GuestBlockDevice, type GuestMount, type GuestReport, parseGuestReport, smbiosStrings, splitCmdline} from '../guest/report.js';

let guestDirPromise: Promise<string> | undefined;

/**
 * The built test guest: $VMSPAWN_TEST_GUEST_DIR, or else the directory
 * e2e/guest/build.sh prints last (a cache hit takes well under a second; the
 * first build downloads ~30 MB of Debian packages). Memoised per process.
 */
export function guestDir(): Promise<string> {
	const fromEnv = process.env['VMSPAWN_TEST_GUEST_DIR'];
	if (fromEnv !== undefined && fromEnv !== '') return Promise.resolve(fromEnv);
	guestDirPromise ??= (async () => {
		const script = fileURLToPath(new URL('../guest/build.sh', import.meta.url));
		try {
			const {stdout} = await promisify(execFile)('bash', [script], {maxBuffer: 16 * 1024 * 1024, timeout: 15 * 60_000});
			const dir = stdout.trimEnd().split('\n').at(-1)?.trim();
			if (!dir) throw new Error('e2e/guest/build.sh printed no directory');
			return dir;
		} catch (error) {
			guestDirPromise = undefined; // let a later call retry
			// execFile's message already carries the script's stderr.
			throw new Error(`building the test guest failed: ${(error as Error).message}`, {cause: error});
		}
	})();
	return guestDirPromise;
}

/** The credentials the guest found in its SMBIOS type 11 strings, by name, decoded. */
export function credentialsSeen(smbios11: readonly string[]): Map<string, Buffer> {
	const seen = new Map<string, Buffer>();
	for (const text of smbios11) {
		const match = /^io\.systemd\.credential\.binary:([^=]+)=(.*)$/.exec(text);
		if (match) {
			seen.set(match[1]!, Buffer.from(match[2]!, 'base64'));
		}
	}

	return seen;
}
