import {UsageError} from '@vmspawn/cli';

// systemd's string_is_safe(): no control characters, quotes or backslashes, since the
// type ends up in a file name and on ssh-keygen's command line.
const unsafe = /[\0-\x1f\x7f"'\\]/;

/** The --ssh-key-type= value, refused as upstream does when it is not a safe string. */
export function checkKeyType(value: string): string {
	if (unsafe.test(value) || value.includes('/')) {
		throw new UsageError(`invalid value for --ssh-key-type=: ${JSON.stringify(value)} (expected a key type such as ed25519 or rsa)`);
	}

	return value;
}
