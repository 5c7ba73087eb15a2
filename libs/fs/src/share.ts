import {join} from 'node:path';
import {CliError, errno} from '@vmspawn/cli';
import type {HelperProcess} from '@vmspawn/plan';
import type {FsHost} from './fs-host.js';
import {type IdMap, virtiofsdArgv} from './virtiofsd/argv.js';
import {readOnlyWrapper} from './virtiofsd/read-only.js';

// sun_path holds 108 bytes including the terminating NUL.
const maxSocketPathBytes = 107;

/** The vhost-user socket of one share, named after its tag inside the runtime directory. */
export function shareSocket(runtimeDir: string, tag: string): string {
	const socket = join(runtimeDir, `virtiofsd-${tag}.sock`);
	if (Buffer.byteLength(socket) > maxSocketPathBytes) {
		throw new CliError(`the socket path ${socket} is longer than ${maxSocketPathBytes} bytes; choose a shorter runtime directory (VMSPAWN_RUNTIME_DIR)`, {
			exitCode: errno.ENAMETOOLONG,
		});
	}

	return socket;
}

export type ShareRequest = {
	readonly tag: string;
	readonly source: string;
	readonly readOnly: boolean;
	readonly idMap?: IdMap | undefined;
	readonly runtimeDir: string;
};

/** The virtiofsd helper for one shared directory, and the socket qemu connects to. */
export function shareHelper(request: ShareRequest, host: FsHost): {socket: string; helper: HelperProcess} {
	const socket = shareSocket(request.runtimeDir, request.tag);
	const virtiofsd = host.virtiofsd();
	let argv = virtiofsdArgv(virtiofsd, {source: request.source, socket, readOnly: request.readOnly, idMap: request.idMap, asRoot: host.asRoot});
	if (request.readOnly && !virtiofsd.features.readOnly) {
		argv = readOnlyWrapper(host.readOnlyTools(), request.source, argv, host.asRoot);
	}

	return {socket, helper: {name: `virtiofsd-${request.tag}`, argv, socket}};
}
