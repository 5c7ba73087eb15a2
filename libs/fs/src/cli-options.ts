import {type OptionDef, type ParsedArgs, listValue, parseBoolean, stringValue, switchValue} from '@vmspawn/cli';
import {parseBinds} from './bind.js';
import {parseBindUserOptions} from './bind-user.js';
import {diskFormats, diskTypes, parseDiskFormat, parseDiskType, parseDriveRequest, parseGrowImage} from './disk.js';
import type {FsOptions} from './plan-fs.js';
import {parsePrivateUsers} from './private-users.js';

/** The fs options, shared by vmspawn-fs and vmspawn-run so help and parsing never drift apart. */
export const fsOptionDefs: readonly OptionDef[] = [
	{
		name: 'directory',
		short: 'D',
		kind: 'value',
		valueName: 'PATH',
		description: "Directory to use as the guest's root file system, shared over virtiofs",
		defaultText: '. when --image is not given',
		completion: {paths: 'directory'},
	},
	{name: 'image', short: 'i', kind: 'value', valueName: 'PATH', description: "Disk image or block device to use as the guest's root disk"},
	{
		name: 'image-format',
		kind: 'value',
		valueName: 'FORMAT',
		description: 'The --image= format: never read from the disk, which the guest writes',
		defaultText: 'raw',
		choices: diskFormats,
	},
	{
		name: 'image-disk-type',
		kind: 'value',
		valueName: 'TYPE',
		description: 'How the --image= appears to the guest, and extra drives that name no type',
		defaultText: 'virtio-blk',
		choices: diskTypes,
	},
	{
		name: 'grow-image',
		short: 'G',
		kind: 'value',
		valueName: 'BYTES',
		description: 'Grow a raw --image= file to at least BYTES (rounded up to 4096) before boot',
	},
	{
		name: 'ephemeral',
		short: 'x',
		kind: 'switch',
		description: "Throw the guest's changes away at exit: an image gets an overlay, a directory a copy beside it; either stays untouched",
	},
	{
		name: 'bind',
		kind: 'value',
		multiple: true,
		valueName: 'SRC[:DST]',
		description: 'Share a host directory with the guest, mounted at DST (default: SRC); \\: escapes a colon',
		completion: {paths: 'directory'},
	},
	{name: 'bind-ro', kind: 'value', multiple: true, valueName: 'SRC[:DST]', description: 'Like --bind, but read-only', completion: {paths: 'directory'}},
	{
		name: 'bind-user',
		kind: 'value',
		multiple: true,
		valueName: 'NAME',
		description: 'Define the host user NAME in the guest (userdb credentials) with its home shared at /run/vmhost/home/NAME, owner mapped; repeat for more',
	},
	{
		name: 'bind-user-shell',
		kind: 'value',
		valueName: 'BOOL|PATH',
		description: "The login shell of --bind-user= users in the guest: yes for the host's, or this path",
		defaultText: "no: the guest's default",
	},
	{
		name: 'bind-user-group',
		kind: 'value',
		multiple: true,
		valueName: 'GROUP',
		description: 'Make --bind-user= users members of GROUP in the guest; repeat for more',
	},
	{
		name: 'private-users',
		kind: 'value',
		valueName: 'UID_SHIFT[:UID_RANGE]',
		description: 'Map guest user and group ids 0.. of the root directory to host ids UID_SHIFT..',
		defaultText: 'no mapping; range 65536',
	},
	{
		name: 'extra-drive',
		kind: 'value',
		multiple: true,
		valueName: '[FORMAT:][DISKTYPE:]PATH',
		description: 'Attach a disk image or block device as another drive (raw unless FORMAT is qcow2; DISKTYPE as --image-disk-type=); repeat for more',
	},
	{name: 'discard-disk', kind: 'value', valueName: 'BOOL', description: "Pass the guest's discard requests on to the root image", defaultText: 'yes'},
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
	const grow = given(args, 'grow-image');
	return {
		directory: given(args, 'directory'),
		image: given(args, 'image'),
		imageFormat: parseDiskFormat('image-format', given(args, 'image-format')),
		imageDiskType: parseDiskType('image-disk-type', given(args, 'image-disk-type')),
		growTo: grow === undefined ? undefined : parseGrowImage(grow),
		ephemeral: switchValue(args, 'ephemeral'),
		binds: parseBinds({bind: listValue(args, 'bind'), bindRo: listValue(args, 'bind-ro')}, cwd),
		bindUsers: parseBindUserOptions(listValue(args, 'bind-user'), given(args, 'bind-user-shell'), listValue(args, 'bind-user-group')),
		privateUsers: privateUsers === undefined ? undefined : parsePrivateUsers(privateUsers),
		extraDrives: listValue(args, 'extra-drive').map(value => ({value, ...parseDriveRequest(value)})),
		discard: discard === undefined ? true : parseBoolean('discard-disk', discard),
		cwd,
	};
}
