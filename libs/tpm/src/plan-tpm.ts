import {join} from 'node:path';
import type {Tristate} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';
import {type TpmHost, decideTpm} from './decide.js';
import {MANUFACTURED_MARKER, certificateSetup} from './certificates.js';
import {checkSocketPath, checkSwtpmPath, manufactureArgv, swtpmHelper} from './describe.js';
import {type TpmStateRequest, stateLocation} from './state.js';

export type TpmRequest = {
	readonly mode: Tristate;
	readonly state: TpmStateRequest;
	/** qemu's architecture name of the guest. */
	readonly arch: string;
	/** The run's private runtime directory: the socket goes there, and ephemeral state too. */
	readonly runtimeDir: string;
	/** The root disk image or directory (absolute) that --tpm-state=auto keeps state beside. */
	readonly image?: string | undefined;
};

/**
 * The plan's tpm section: what vmspawn-run will manufacture and start. Nothing is
 * created here; only the host is asked whether swtpm can provide a TPM 2.0.
 */
export async function planTpm(request: TpmRequest, host: TpmHost): Promise<Section<'tpm'>> {
	const decision = await decideTpm(request.mode, request.arch, host);
	if (!decision.enabled) {
		return {enabled: false, reason: decision.reason};
	}

	const {stateDir, persistent} = stateLocation(request.state, request.runtimeDir, request.image);
	const socket = join(request.runtimeDir, 'tpm.sock');
	checkSwtpmPath('TPM state directory', stateDir);
	checkSocketPath(socket);
	const certificates = certificateSetup(stateDir, decision.capabilities, decision.localCa);
	const marker = join(stateDir, MANUFACTURED_MARKER);
	return {
		enabled: true,
		stateDir,
		persistent,
		socket,
		manufacture: {
			argv: manufactureArgv(decision.swtpmSetup, stateDir, decision.capabilities, certificates),
			// Without --not-overwrite swtpm_setup fails on existing state, so state from before the marker must stop it.
			skipWhenExists: decision.capabilities.notOverwrite ? marker : join(stateDir, 'tpm2-00.permall'),
			marker,
			...(certificates.files.length > 0 ? {files: [...certificates.files]} : {}),
			...(certificates.omitted.length > 0 ? {omitted: [...certificates.omitted]} : {}),
		},
		helper: swtpmHelper(decision.swtpm, stateDir, socket),
	};
}
