import {accessSync, constants, statSync} from 'node:fs';
import {locksOn} from '@vmspawn/host';
import {type CheckResult, fail, ok} from '../check-result.js';
import type {PreflightInput} from '../run-input.js';

function access(path: string, writable: boolean): string | undefined {
	try {
		accessSync(path, writable ? constants.R_OK | constants.W_OK : constants.R_OK);
		return undefined;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code ?? String(error);
	}
}

function fileCheck(check: string, path: string, writable: boolean, extra = ''): CheckResult {
	const problem = access(path, writable);
	if (problem) {
		return fail(check, `${path} is not ${writable ? 'readable and writable' : 'readable'} (${problem})`);
	}

	const stat = statSync(path);
	return ok(check, `${path}${extra}${stat.isFile() ? `, ${(stat.size / 2 ** 20).toFixed(1)} MiB` : ''}`);
}

/** The files qemu opens: kernel, initrds, firmware, the root image and extra drives, shared directories. */
export function checkFiles(input: PreflightInput): CheckResult[] {
	const {boot, firmware, fs} = input.plan;
	const results: CheckResult[] = [];
	if (boot?.kernel) {
		results.push(fileCheck('kernel', boot.kernel, false));
	}

	for (const initrd of boot?.initrds ?? []) {
		results.push(fileCheck('initrd', initrd, false));
	}

	if (firmware) {
		results.push(fileCheck('firmware code', firmware.code.path, false, ` (${firmware.description})`));
		if (firmware.varsTemplate) {
			results.push(fileCheck('firmware variables template', firmware.varsTemplate.path, false));
		}
	}

	if (fs?.root.kind === 'image') {
		results.push(fileCheck('image', fs.root.path, true, ` (${fs.root.format}${fs.root.blockDevice ? ', block device' : ''})`));
		// An ephemeral run only reads the image, as its overlay's backing file, so others may too.
		const holders = fs.root.ephemeral
			? []
			: locksOn(fs.root.path)
					.map(lock => lock.pid)
					.filter(pid => pid > 0);
		results.push(
			holders.length > 0
				? fail('image lock', `${fs.root.path} is in use by process ${[...new Set(holders)].join(', ')}`)
				: ok('image lock', 'no other VM uses the image'),
		);
	} else if (fs?.root.kind === 'directory') {
		results.push(fileCheck('root directory', fs.root.path, true));
	}

	for (const drive of fs?.extraDrives ?? []) {
		results.push(fileCheck('extra drive', drive.path, true, ` (${drive.format})`));
	}

	for (const share of fs?.shares ?? []) {
		results.push(fileCheck(`shared directory ${share.target}`, share.source, !share.readOnly));
	}

	return results;
}
