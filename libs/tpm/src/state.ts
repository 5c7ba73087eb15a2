import {join, resolve} from 'node:path';

/** --tpm-state=: off (ephemeral), auto (next to the root image or directory when there is one), or a directory. */
export type TpmStateRequest = {readonly kind: 'off'} | {readonly kind: 'auto'} | {readonly kind: 'path'; readonly path: string};

export type StateLocation = {readonly stateDir: string; readonly persistent: boolean};

/** Parses --tpm-state=; an empty value means the default (auto), a relative path is taken from `cwd`. */
export function parseTpmState(value: string, cwd: string = process.cwd()): TpmStateRequest {
	if (value === '' || value === 'auto') {
		return {kind: 'auto'};
	}

	if (value === 'off') {
		return {kind: 'off'};
	}

	return {kind: 'path', path: resolve(cwd, value)};
}

/**
 * Where the state lives. Persistent state is kept next to the root image or
 * directory as upstream (v258) does, so it travels with it; otherwise it lives
 * and dies with the run.
 */
export function stateLocation(request: TpmStateRequest, runtimeDir: string, beside: string | undefined): StateLocation {
	if (request.kind === 'path') {
		return {stateDir: request.path, persistent: true};
	}

	if (request.kind === 'auto' && beside !== undefined) {
		return {stateDir: `${beside}.tpmstate`, persistent: true};
	}

	return {stateDir: join(runtimeDir, 'tpm'), persistent: false};
}
