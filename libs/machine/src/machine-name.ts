import {hostname} from 'node:os';
import {basename} from 'node:path';

const hostnamePattern = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Upstream's rule for -M: a valid host name of 1..64 characters. */
export function isValidMachineName(name: string): boolean {
	return name.length > 0 && name.length <= 64 && hostnamePattern.test(name);
}

// Like hostname_cleanup(): keep letters, digits, '-', '_' and single dots, at most 64 characters.
function cleanup(name: string): string {
	return name
		.replace(/[^A-Za-z0-9._-]/g, '')
		.replace(/\.{2,}/g, '.')
		.replace(/^\.+|\.+$/g, '')
		.slice(0, 64)
		.replace(/\.+$/, '');
}

/**
 * The default machine name, as upstream derives it: the image's file name without
 * `.raw`, the directory's name, or the host name for `/`.
 */
export function defaultMachineName(root: {image?: string; directory?: string}): string | undefined {
	let candidate: string;
	if (root.image !== undefined) {
		candidate = basename(root.image).replace(/\.raw$/, '');
	} else if (root.directory !== undefined && root.directory !== '/') {
		candidate = basename(root.directory);
	} else {
		candidate = hostname();
	}

	const cleaned = cleanup(candidate);
	return isValidMachineName(cleaned) ? cleaned : undefined;
}
