import {invalidOption, parseSize} from '@vmspawn/cli';

/** --ram=BYTES[:MAXBYTES[:SLOTS]]: the memory the guest boots with, and how far DIMMs may be hot-plugged. */
export type RamRequest = {
	readonly ramBytes: bigint;
	/** Memory hotplug: the most the guest may have (qemu's maxmem); absent: none. */
	readonly maxBytes?: bigint;
	/** Hotplug slots (qemu's slots); upstream's default is 1 when a maximum is given. */
	readonly slots?: number;
};

// qemu's limit for DIMM slots (ACPI_MAX_RAM_SLOTS).
const maxSlots = 256;

function parseSlots(value: string, text: string): number | undefined {
	if (!/^\d+$/.test(text) || Number(text) > maxSlots) {
		throw invalidOption('ram', value, `expected SLOTS to be a number of hotplug slots up to ${maxSlots}, got ${JSON.stringify(text)}`);
	}

	// 0, as upstream, means the default.
	return Number(text) === 0 ? undefined : Number(text);
}

/** Parses --ram= as upstream: sizes base 1024; empty fields mean their default. */
export function parseRam(value: string): RamRequest {
	const fields = value.split(':');
	if (fields.length > 3) {
		throw invalidOption('ram', value, 'expected BYTES[:MAXBYTES[:SLOTS]]');
	}

	const [ram = '', max = '', slotsText = ''] = fields;
	const ramBytes = parseSize('ram', ram);
	const maxBytes = max === '' ? undefined : parseSize('ram', max);
	const slots = slotsText === '' ? undefined : parseSlots(value, slotsText);
	if (maxBytes !== undefined && maxBytes < ramBytes) {
		throw invalidOption('ram', value, 'the maximum (MAXBYTES) must be at least the initial size');
	}

	if (slots !== undefined && maxBytes === undefined) {
		throw invalidOption('ram', value, 'hotplug slots need a maximum size (BYTES:MAXBYTES:SLOTS)');
	}

	return {ramBytes, ...(maxBytes === undefined ? {} : {maxBytes}), ...(slots === undefined ? {} : {slots})};
}
