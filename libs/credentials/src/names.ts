import {isAbsolute, normalize} from 'node:path';
import {errno} from '@vmspawn/cli';
import {CredentialId} from '@vmspawn/plan';

/** systemd's credential_name_valid(): non-empty, at most 255, printable ASCII without "/" or ":", not "." or "..". */
export function credentialNameValid(name: string): boolean {
	return CredentialId.safeParse(name).success;
}

/** systemd's path_is_valid(): non-empty, each component at most 255 bytes, shorter than PATH_MAX. */
export function pathIsValid(path: string): boolean {
	return path !== '' && Buffer.byteLength(path) < 4096 && path.split('/').every(component => Buffer.byteLength(component) <= 255);
}

/** get_credentials_dir(): $CREDENTIALS_DIRECTORY when it is an absolute, normalized path. */
export function credentialsDirectory(env: NodeJS.ProcessEnv): {dir: string} | {problem: string; exitCode: number} {
	const dir = env['CREDENTIALS_DIRECTORY'];
	if (dir === undefined) {
		return {problem: 'no credentials passed at all', exitCode: errno.ENXIO};
	}

	if (!isAbsolute(dir) || normalize(dir) !== dir) {
		return {problem: '$CREDENTIALS_DIRECTORY is not an absolute, normalized path', exitCode: errno.EINVAL};
	}

	return {dir};
}
