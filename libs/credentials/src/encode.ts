import {CliError, errno} from '@vmspawn/cli';
import {type CredentialDelivery, FW_CFG_CREDENTIAL_PREFIX, FW_CFG_NAME_MAX} from '@vmspawn/plan';
import {archTraits} from '@vmspawn/qemu';

/** SMBIOS where the architecture has it (x86, arm), as upstream; fw_cfg files elsewhere (upstream, later). */
export function credentialDelivery(arch: string): CredentialDelivery {
	return archTraits(arch)?.smbios ? 'smbios' : 'fw_cfg';
}

/**
 * The SMBIOS type 11 string systemd in the guest imports as a credential. Binary
 * safe through base64; the guest splits id and value at the first "=", so an id
 * containing "=" cannot travel this way.
 */
export function smbiosCredentialString(id: string, value: Uint8Array): string {
	checkDeliverable(id, 'smbios');
	return `io.systemd.credential.binary:${id}=${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}`;
}

/** The fw_cfg file name the guest's systemd imports from; qemu allows 55 characters. */
export function fwCfgCredentialName(id: string): string {
	const name = `${FW_CFG_CREDENTIAL_PREFIX}${id}`;
	if (name.length > FW_CFG_NAME_MAX) {
		throw new CliError(
			`Credential name '${id}' is too long for fw_cfg: ${name} has ${name.length} characters, qemu allows ${FW_CFG_NAME_MAX}; ` +
				`use a name of at most ${FW_CFG_NAME_MAX - FW_CFG_CREDENTIAL_PREFIX.length} characters`,
			{exitCode: errno.ENAMETOOLONG},
		);
	}

	return name;
}

/** Refuses, before anything starts, a credential qemu or the guest would trip over. */
export function checkDeliverable(id: string, delivery: CredentialDelivery): void {
	if (delivery === 'fw_cfg') {
		fwCfgCredentialName(id);
	} else if (id.includes('=')) {
		throw new CliError(`Credential name '${id}' contains '=', which the guest cannot tell apart from the value in an SMBIOS string`, {exitCode: errno.EINVAL});
	}
}

/** What goes into a credential's file: the SMBIOS string (no trailing newline) or, for fw_cfg, the raw value. */
export function credentialFileContent(delivery: CredentialDelivery, id: string, value: Uint8Array): Buffer {
	return delivery === 'smbios' ? Buffer.from(smbiosCredentialString(id, value), 'latin1') : Buffer.from(value);
}
