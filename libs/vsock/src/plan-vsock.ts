import {type Tristate, UsageError} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';
import {type RandomCid, randomCid} from './cid.js';
import {detectVsock} from './detect.js';
import type {VsockDevice} from '@vmspawn/host';
import {selectCid} from './select.js';

export type VsockRequest = {
	readonly mode: Tristate;
	/** From --vsock-cid=; absent: pick one. */
	readonly cid?: number | undefined;
	/** The machine name the automatic CIDs are derived from. */
	readonly name?: string | undefined;
};

/**
 * The plan's vsock section. The CID is set on the device to prove it is free now, then
 * released when the fd closes (a stage cannot keep it): vmspawn-run claims it again with claimCid().
 */
export async function planVsock(request: VsockRequest, device: VsockDevice, random: RandomCid = randomCid): Promise<Section<'vsock'>> {
	if (request.mode !== 'no' && request.cid === undefined && request.name === undefined) {
		throw new UsageError('no machine name to derive the guest CID from: use -M NAME, --vsock-cid=CID, or pipe in a plan with machine.name');
	}

	const detection = await detectVsock(request.mode, device);
	if (!detection.enabled) {
		return {enabled: false, reason: detection.reason};
	}

	try {
		const choice = selectCid(device, detection.fd, request, random);
		return {enabled: true, ...choice};
	} finally {
		device.close(detection.fd);
	}
}
