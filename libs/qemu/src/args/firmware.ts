import type {Section} from '@vmspawn/plan';
import {archTraits} from '../arch.js';
import {keyValues} from '../escape.js';

/**
 * The firmware drives: the read-only code image as the first pflash, then the
 * variable store as the second. Unlike v256, vars are attached whenever the
 * firmware keeps variables (not only with Secure Boot), as newer upstream does.
 */
export function firmwareArgs(firmware: Section<'firmware'>, arch: string): string[] {
	if (firmware.device === 'memory') {
		// A memory-mapped image is loaded whole; -bios takes a plain file name, nothing to escape.
		return ['-bios', firmware.code.path];
	}

	const args = [
		'-drive',
		keyValues([
			['if', 'pflash'],
			['format', firmware.code.format],
			['readonly', true],
			['file', firmware.code.path],
		]),
	];
	if (firmware.nvram) {
		// SMM-protected variables: only code running in SMM may write the vars flash.
		if (firmware.requiresSmm && archTraits(arch)?.smm) {
			args.push('-global', 'driver=cfi.pflash01,property=secure,value=on');
		}

		const format = firmware.varsTemplate?.format ?? firmware.code.format;
		args.push(
			'-drive',
			keyValues([
				['file', firmware.nvram.path],
				['if', 'pflash'],
				['format', format],
			]),
		);
	}

	return args;
}
