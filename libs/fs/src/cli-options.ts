import {type OptionDef, type ParsedArgs, listValue, parseBoolean, stringValue} from '@vmspawn/cli';
import {parseBinds} from './bind.js';
import {diskFormats, parseDiskFormat, parseDriveRequest} from './disk.js';
import type {FsOptions} from './plan-fs.js';
import {parsePrivateUsers} from './private-users.js';

/** The fs options, shared by vmspawn-fs and vmspawn-run so help and parsing never drift apart. */
export const fsOptionDefs: readonly OptionDef[] = [
	{name: 'directory', short: 'D', kind: 'value', valueName: 'PATH', description: 'Directory to use as the guest\'s root file system, shared over virtiofs', defaultText: '. when --image is not given', completion: {paths: 'directory'}},
	{name: 'image', short: 'i', kind: 'value', valueName: 'PATH', description: 'Disk image or block device to use as the guest\'s root disk'},
	{name: 'image-format', kind: 'value', valueName: 'FORMAT', description: 'The --image= format: never read from the disk, which the guest writes', defaultText: 'raw', choices: diskFormats},
	{name: 'bind', kind: 'value', multiple: true, valueName: 'SRC[:DST]', description: 'Share a host directory with the guest, mounted at DST (default: SRC); \\: escapes a colon', completion: {paths: 'directory'}},
	{name: 'bind-ro', kind: 'value', multiple: true, valueName: 'SRC[:DST]', description: 'Like --bind, but read-only', completion: {paths: 'directory'}},
	{name: 'private-users', kind: 'value', valueName: 'UID_SHIFT[:UID_RANGE]', description: 'Map guest user and group ids 0.. of the root directory to host ids UID_SHIFT..', defaultText: 'no mapping; range 65536'},
	{name: 'extra-drive', kind: 'value', multiple: true, valueName: '[FORMAT:]PATH', description: 'Attach a disk image or block device as another drive (raw unless FORMAT is qcow2); repeat for more'},
	{name: 'discard-disk', kind: 'value', valueName: 'BOOL', description: 'Pass the guest\'s discard requests on to the root image', defaultText: 'yes'},
];

// An empty value (--image=) resets the option, as with systemd's tools.
function given(args: ParsedArgs, name: string): string | undefined {
	const value = stringValue(args, name);
	return value === '' ? undefined : value;
}

/** Reads and checks the fs options; paths stay as given (made absolute when planning). */
export function readFsOptions(args: ParsedArgs, cwd: string): FsOptions {
	const privateUsers = given(args, 'private-users');
	const discard = given(args, 'discard-disk');
	return {
		directory: given(args, 'directory'),
		image: given(args, 'image'),
		imageFormat: parseDiskFormat('image-format', given(args, 'image-format')),
		binds: parseBinds({bind: listValue(args, 'bind'), bindRo: listValue(args, 'bind-ro')}, cwd),
		privateUsers: privateUsers === undefined ? undefined : parsePrivateUsers(privateUsers),
		extraDrives: listValue(args, 'extra-drive').map(value => ({value, ...parseDriveRequest(value)})),
		discard: discard === undefined ? true : parseBoolean('discard-disk', discard),
		cwd,
	};
}
