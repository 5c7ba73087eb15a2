import {join} from 'node:path';
import {CliError, errno} from '@vmspawn/cli';
import {describeErrno} from './errno-text.js';
import {privateDir, writePrivateFile} from './private-files.js';

/**
 * Writes one SMBIOS type 11 string to `dir/name` (0600, no trailing newline) for
 * `-smbios type=11,path=FILE`, as upstream does since v258: no comma escaping and
 * nothing on qemu's command line. For strings other than credentials, e.g.
 * `io.systemd.stub.kernel-cmdline-extra=...`; `dir` is created 0700 if missing.
 * Returns the file's path.
 */
export async function smbiosStringFile(dir: string, name: string, text: string): Promise<string> {
	if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
		throw new CliError(`not a file name for an SMBIOS string: ${name}`, {exitCode: errno.EINVAL});
	}

	// qemu reads the file as one C string.
	if (text.includes('\0')) {
		throw new CliError(`the SMBIOS string ${name} contains a NUL byte`, {exitCode: errno.EINVAL});
	}

	const file = join(dir, name);
	try {
		await privateDir(dir, false);
		await writePrivateFile(file, Buffer.from(text, 'utf8'));
	} catch (error) {
		const {text: why, exitCode} = describeErrno(error);
		throw new CliError(`cannot write the SMBIOS string file ${file}: ${why}`, {exitCode, cause: error});
	}

	return file;
}
