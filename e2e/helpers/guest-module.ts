import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';

/**
 * A kernel module the test guest's initrd leaves out (e.g. kernel/drivers/acpi/button.ko),
 * taken from the kernel package e2e/guest/build.sh downloaded into the cache next to
 * the guest; undefined when that package is not there (a guest built elsewhere).
 */
export function guestKernelModule(guest: string, module: string): Buffer | undefined {
	try {
		const manifest = JSON.parse(readFileSync(join(guest, 'manifest.json'), 'utf8')) as {kernelVersion: string; packages: Record<string, string>};
		const name = `linux-image-${manifest.kernelVersion}`;
		const version = manifest.packages[name];
		const deb = join(dirname(guest), 'debs', `${name}_${(version ?? '').replaceAll(':', '%3a')}_amd64.deb`);
		if (version === undefined || !existsSync(deb)) {
			return undefined;
		}

		const member = `./lib/modules/${manifest.kernelVersion}/${module}`;
		return execFileSync('sh', ['-c', 'dpkg-deb --fsys-tarfile "$1" | tar -xO "$2"', 'sh', deb, member], {maxBuffer: 64 * 1024 * 1024});
	} catch {
		return undefined;
	}
}
