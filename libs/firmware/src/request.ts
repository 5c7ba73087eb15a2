import type {Tristate} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';
import type {Criteria} from './evaluate.js';
import {featureFilter} from './features.js';
import {refuseNoUefi, selectsUefi} from './firmware-mode.js';
import {parsePathOption} from './options.js';
import {firmwareSearchDirs} from './search-dirs.js';
import {resolveTarget} from './target.js';

/** The firmware options as given on a command line (validated here, so every caller agrees). */
export type FirmwareRequest = {
	readonly arch?: string;
	readonly machineType?: string;
	readonly secureBoot?: Tristate;
	/** --firmware-features= values in order. */
	readonly firmwareFeatures?: readonly string[];
	/** --firmware=PATH: one descriptor, used without filtering; or a keyword (firmware-mode.ts). */
	readonly firmware?: string;
	/** --efi-nvram-state=off|auto|PATH: where the variables live (nvram-request.ts). */
	readonly efiNvramState?: string;
	/** --efi-nvram-template=PATH: fresh variable stores are copied from this file. */
	readonly efiNvramTemplate?: string;
	/** -M: names the runtime directory. */
	readonly machineName?: string;
	/** Descriptor directories; default: firmwareSearchDirs(env). */
	readonly directories?: readonly string[];
	readonly env?: NodeJS.ProcessEnv;
	readonly cwd?: string;
};

export type FirmwareQuery = {
	readonly criteria: Criteria;
	readonly explicit?: string;
	readonly secureBoot?: Tristate;
	readonly directories: readonly string[];
};

export function firmwareQuery(request: FirmwareRequest, machine?: Section<'machine'>): FirmwareQuery {
	refuseNoUefi(request.firmware);
	const explicit = selectsUefi(request.firmware) ? undefined : parsePathOption('firmware', request.firmware, request.cwd);
	return {
		criteria: {
			...resolveTarget(machine, request.arch, request.machineType),
			features: featureFilter(request.firmwareFeatures, request.secureBoot),
		},
		...(explicit ? {explicit} : {}),
		...(request.secureBoot ? {secureBoot: request.secureBoot} : {}),
		directories: request.directories ?? firmwareSearchDirs(request.env),
	};
}
