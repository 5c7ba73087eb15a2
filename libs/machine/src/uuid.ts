import {UsageError} from '@vmspawn/cli';

/** Accepts 32 hex digits or the 8-4-4-4-12 form; returns the lower-case 8-4-4-4-12 form. */
export function parseMachineUuid(value: string): string {
	const hex = /^[0-9a-fA-F]{32}$/.test(value)
		? value
		: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(value)
			? value.replaceAll('-', '')
			: undefined;
	if (hex === undefined) {
		throw new UsageError(`invalid --uuid=${value}: expected 32 hex digits or the 8-4-4-4-12 form`);
	}

	if (/^0+$/.test(hex)) {
		throw new UsageError(`invalid --uuid=${value}: the machine UUID may not be all zeroes`);
	}

	const lower = hex.toLowerCase();
	return `${lower.slice(0, 8)}-${lower.slice(8, 12)}-${lower.slice(12, 16)}-${lower.slice(16, 20)}-${lower.slice(20)}`;
}
