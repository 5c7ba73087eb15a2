import {readFileSync, statSync} from 'node:fs';

export type FileLock = {readonly kind: string; readonly type: string; readonly pid: number};

// st_dev as the kernel encodes it (new_encode_dev): major and minor split over several bit ranges.
function deviceNumbers(dev: number): {major: number; minor: number} {
	const value = BigInt(dev);
	const major = Number(((value >> 8n) & 0xfffn) | ((value >> 32n) & ~0xfffn));
	const minor = Number((value & 0xffn) | ((value >> 12n) & ~0xffn));
	return {major, minor};
}

/**
 * The locks other processes hold on a file, from /proc/locks: qemu takes OFD locks
 * on every image it opens, so a held lock means a VM (or another program) uses it.
 */
export function locksOn(path: string, procLocks: string = readFileSync('/proc/locks', 'utf8')): FileLock[] {
	const stat = statSync(path);
	const {major, minor} = deviceNumbers(stat.dev);
	const locks: FileLock[] = [];
	for (const line of procLocks.split('\n')) {
		// "1: OFDLCK ADVISORY  WRITE -1 fd:01:1234 100 100"; blocked waiters ("->") are skipped.
		const match = /^\d+:\s+(\S+)\s+\S+\s+(\S+)\s+(-?\d+)\s+([\da-f]+):([\da-f]+):(\d+)\s/.exec(line);
		if (match && Number.parseInt(match[4]!, 16) === major && Number.parseInt(match[5]!, 16) === minor && Number(match[6]) === stat.ino) {
			locks.push({kind: match[1]!, type: match[2]!, pid: Number(match[3])});
		}
	}

	return locks;
}

/**
 * The locks among these that mean a VM uses the file: qemu's OFD locks. A whole-file flock is
 * another program's (mkosi holds one on its image for as long as it runs systemd-vmspawn), and
 * counting it would refuse mkosi's own boot.
 */
export function vmLocks(locks: readonly FileLock[]): FileLock[] {
	return locks.filter(lock => lock.kind === 'OFDLCK');
}
