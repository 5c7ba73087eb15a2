import {keyValues} from '../escape.js';

/** A credential payload file and how it reaches the guest (the plan's credentials entries fit). */
export type CredentialFileArg = {readonly id: string; readonly file: string; readonly delivery: 'smbios' | 'fw_cfg'};

// qemu's fw_cfg file names hold 55 characters plus the NUL.
const fwCfgNameMax = 55;

/** One SMBIOS type 11 string read from a file: no value on the command line, no comma escaping inside it. */
export function smbiosFileArgs(file: string): string[] {
	return [
		'-smbios',
		keyValues([
			['type', 11],
			['path', file],
		]),
	];
}

/**
 * The guest's credentials, in order: `-smbios type=11,path=FILE` where the
 * architecture has SMBIOS, else `-fw_cfg name=opt/io.systemd.credentials/ID,file=FILE`,
 * which systemd in the guest imports from /sys/firmware/qemu_fw_cfg. Only file
 * paths appear here: the values stay in their 0600 files.
 */
export function credentialArgs(entries: readonly CredentialFileArg[]): string[] {
	return entries.flatMap(({id, file, delivery}) => {
		if (delivery === 'smbios') {
			return smbiosFileArgs(file);
		}

		const name = `opt/io.systemd.credentials/${id}`;
		if (name.length > fwCfgNameMax) {
			throw new RangeError(`credential '${id}' is too long for fw_cfg: ${name} has ${name.length} characters, qemu allows ${fwCfgNameMax}`);
		}

		return [
			'-fw_cfg',
			keyValues([
				['name', name],
				['file', file],
			]),
		];
	});
}
