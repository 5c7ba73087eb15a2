import {type OptionDef, type ParsedArgs, listValue, parseTristate, stringValue} from '@vmspawn/cli';
import type {FirmwareRequest} from './request.js';

/** The firmware options vmspawn-firmware and vmspawn-run share, defined once for help and parsing. */
export const firmwareOptionDefs: readonly OptionDef[] = [
	{
		name: 'firmware',
		kind: 'value',
		valueName: 'PATH',
		description:
			'Use this descriptor, unfiltered (absolute or ./relative); auto, uefi: select one; describe: print the selected one as JSON; list: print the descriptors found',
		defaultText: 'auto',
		completion: {words: ['auto', 'uefi', 'describe', 'list'], listedBy: ['--firmware=list'], paths: 'file'},
	},
	{
		name: 'secure-boot',
		kind: 'value',
		valueName: 'BOOL',
		description: 'Require (yes) or refuse (no) firmware with Secure Boot',
		defaultText: 'auto',
		choices: ['yes', 'no', 'auto'],
	},
	{
		name: 'firmware-features',
		kind: 'value',
		multiple: true,
		valueName: 'LIST',
		description: 'Features to require, or exclude with ~ (comma separated; empty resets); list: print the features the descriptors have',
		defaultText: '~enrolled-keys',
		completion: {words: ['list'], listedBy: ['--firmware-features=list']},
	},
	{
		name: 'efi-nvram-template',
		kind: 'value',
		valueName: 'PATH',
		description: "Copy fresh EFI variable stores from this file (e.g. with your own Secure Boot keys) instead of the firmware's template",
	},
	{
		name: 'efi-nvram-state',
		kind: 'value',
		valueName: 'off|auto|PATH',
		description:
			'Keep the EFI variables in PATH across runs (created from the template when missing); auto: IMAGE.efinvramstate or DIR.efinvramstate beside the root; off: a per-run copy',
		defaultText: 'auto',
		completion: {words: ['off', 'auto'], paths: 'file'},
	},
];

export type FirmwareOptions = Pick<FirmwareRequest, 'firmware' | 'secureBoot' | 'firmwareFeatures' | 'efiNvramState' | 'efiNvramTemplate'>;

/** The firmware options given on the command line; absent ones stay absent so the library's defaults apply. */
export function readFirmwareOptions(args: ParsedArgs): FirmwareOptions {
	const firmware = stringValue(args, 'firmware');
	const secureBoot = stringValue(args, 'secure-boot');
	const efiNvramState = stringValue(args, 'efi-nvram-state');
	const efiNvramTemplate = stringValue(args, 'efi-nvram-template');
	return {
		...(firmware === undefined ? {} : {firmware}),
		...(secureBoot === undefined ? {} : {secureBoot: parseTristate('secure-boot', secureBoot)}),
		...(args.values.has('firmware-features') ? {firmwareFeatures: listValue(args, 'firmware-features')} : {}),
		...(efiNvramState === undefined ? {} : {efiNvramState}),
		...(efiNvramTemplate === undefined ? {} : {efiNvramTemplate}),
	};
}
