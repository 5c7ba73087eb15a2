import {join} from 'node:path';
import type {Tristate} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';
import {type TpmHost, decideTpm, realTpmHost} from './decide.js';
import {checkSocketPath, checkSwtpmPath, manufactureArgv, permanentStateFile, swtpmHelper} from './describe.js';
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
export async function planTpm(request: TpmRequest, host: TpmHost = realTpmHost()): Promise<Section<'tpm'>> {
	const decision = await decideTpm(request.mode, request.arch, host);
	if (!decision.enabled) {
		return {enabled: false, reason: decision.reason};
	}

	const {stateDir, persistent} = stateLocation(request.state, request.runtimeDir, request.image);
	const socket = join(request.runtimeDir, 'tpm.sock');
	checkSwtpmPath('TPM state directory', stateDir);
	checkSocketPath(socket);
	return {
		enabled: true,
		stateDir,
		persistent,
		socket,
		manufacture: {argv: manufactureArgv(decision.swtpmSetup, stateDir, decision.capabilities), skipWhenExists: permanentStateFile(stateDir)},
		helper: swtpmHelper(decision.swtpm, stateDir, socket),
	};
}
