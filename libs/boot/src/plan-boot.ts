import {isAbsolute, resolve} from 'node:path';
import {UsageError} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';

export type BootRequest = {
	readonly linux?: string;
	readonly initrds: readonly string[];
	readonly extraArgs: readonly string[];
	/** -s/--smbios11 strings, already checked. */
	readonly smbios11?: readonly string[];
	readonly cwd?: string;
};

/** The boot section from --linux, --initrd, --smbios11 and the positional arguments; paths made absolute. */
export function planBoot(request: BootRequest): Section<'boot'> {
	if (request.initrds.length > 0 && request.linux === undefined) {
		throw new UsageError('option --initrd= cannot be used without --linux=');
	}

	const absolute = (path: string) => (isAbsolute(path) ? path : resolve(request.cwd ?? process.cwd(), path));
	return {
		...(request.linux === undefined ? {} : {kernel: absolute(request.linux)}),
		initrds: request.initrds.map(path => absolute(path)),
		extraArgs: [...request.extraArgs],
		...(request.smbios11?.length ? {smbios11: [...request.smbios11]} : {}),
	};
}

/** The single initrd file qemu gets: the only one, or the merged file in the runtime directory. */
export function initrdForQemu(boot: Section<'boot'>, runtimeDir: string): string | undefined {
	if (boot.initrds.length <= 1) {
		return boot.initrds[0];
	}

	return `${runtimeDir}/initrd.img`;
}
