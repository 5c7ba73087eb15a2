import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

let systemdGuestPromise: Promise<string> | undefined;

/**
 * The built systemd test guest (vmlinuz, initrd.img, disk.raw): $VMSPAWN_SYSTEMD_GUEST_DIR,
 * or else the directory e2e/guest/build-systemd.sh prints last (a cache hit takes
 * about a second; a cold build downloads ~40 MB of Debian packages and takes a minute
 * or so). A failed build is an error with the script's output, never a skip: the
 * test needs this guest. Memoised per process.
 */
export function systemdGuestDir(): Promise<string> {
	const fromEnv = process.env['VMSPAWN_SYSTEMD_GUEST_DIR'];
	if (fromEnv !== undefined && fromEnv !== '') return Promise.resolve(fromEnv);
	systemdGuestPromise ??= (async () => {
		const script = fileURLToPath(new URL('../guest/build-systemd.sh', import.meta.url));
		try {
			const {stdout} = await promisify(execFile)('bash', [script], {maxBuffer: 16 * 1024 * 1024, timeout: 15 * 60_000});
			const dir = stdout.trimEnd().split('\n').at(-1)?.trim();
			if (!dir) throw new Error('e2e/guest/build-systemd.sh printed no directory');
			return dir;
		} catch (error) {
			systemdGuestPromise = undefined; // let a later call retry
			// execFile's message already carries the script's stderr.
			throw new Error(`building the systemd test guest (e2e/guest/build-systemd.sh; it needs the Debian trixie archive) failed: ${(error as Error).message}`, {
				cause: error,
			});
		}
	})();
	return systemdGuestPromise;
}
