import {invalidOption} from '@vmspawn/cli';

/**
 * The keywords --firmware= takes besides a descriptor path, as upstream v261:
 * auto and uefi select a UEFI descriptor (auto may mean more one day: upstream
 * picks none for a kernel that is not a PE binary), bios and none boot without
 * pflash, describe and list print and exit.
 */
export const firmwareKeywords = ['describe', 'auto', 'uefi', 'bios', 'none', 'list'] as const;
export type FirmwareKeyword = (typeof firmwareKeywords)[number];

export function isFirmwareKeyword(value: string | undefined): value is FirmwareKeyword {
	return (firmwareKeywords as readonly string[]).includes(value ?? '');
}

/** Whether --firmware= asks for a discovered UEFI descriptor (given empty, or not at all, it does). */
export function selectsUefi(value: string | undefined): boolean {
	return value === undefined || value === '' || value === 'auto' || value === 'uefi' || value === 'describe';
}

/** bios and none ask for no descriptor: only vmspawn-run, which knows the boot, handles them. */
export function refuseNoUefi(value: string | undefined): void {
	if (value === 'bios' || value === 'none') {
		throw invalidOption('firmware', value, 'no UEFI descriptor to select; only vmspawn-run boots without one');
	}
}
