import {createHmac} from 'node:crypto';
import {kernelRandomBytes} from '@vmspawn/host';

// Upstream's application ID for the VM generation ID (sd_id128_get_invocation_app_specific).
const vmgenidAppId = Buffer.from('bd846de3e47d4b6ca6854a870f3ca3a0', 'hex');

function formatUuid(bytes: Buffer): string {
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** An ID as a version 4 UUID, the way systemd's id128_make_v4_uuid() marks it. */
function asV4Uuid(bytes: Buffer): Buffer {
	const id = Buffer.from(bytes.subarray(0, 16));
	id[6] = (id[6]! & 0x0f) | 0x40;
	id[8] = (id[8]! & 0x3f) | 0x80;
	return id;
}

/**
 * The VM generation ID of this run, as upstream: derived from the service
 * manager's $INVOCATION_ID (HMAC-SHA256 keyed with it over the application ID),
 * else random. Each run so gets a fresh one, which tells the guest it may be a
 * copy (an ephemeral snapshot, a restored image) and must reseed what it keeps.
 */
export function vmGenerationId(env: NodeJS.ProcessEnv = process.env): string {
	const invocation = env['INVOCATION_ID'];
	if (invocation !== undefined && /^[0-9a-fA-F]{32}$/.test(invocation)) {
		return formatUuid(asV4Uuid(createHmac('sha256', Buffer.from(invocation, 'hex')).update(vmgenidAppId).digest()));
	}

	// Not node:crypto's randomBytes: loading that module was a tenth of a dry run (kernelRandomBytes).
	return formatUuid(asV4Uuid(kernelRandomBytes(16)));
}
