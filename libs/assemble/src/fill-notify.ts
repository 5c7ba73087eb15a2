import type {CredentialStore} from '@vmspawn/credentials';
import {type StreamListener, listenVsockStream} from '@vmspawn/host';
import type {Plan} from '@vmspawn/plan';

/** The credential systemd in the guest reads the address of its VMM's notify socket from. */
export const NOTIFY_CREDENTIAL = 'vmm.notify_socket';

/** Opens a vsock listener on a port of the kernel's choosing; tests pass a unix-socket stand-in. */
export type VsockListen = () => Promise<StreamListener & {readonly port: number}>;

export type GuestNotifySetup = {
	readonly listener?: StreamListener;
	readonly notice?: string;
	readonly warning?: string;
};

/**
 * With vsock, as upstream: listen on AF_VSOCK (any CID, a port the kernel picks) and tell
 * the guest `vsock-stream:2:PORT` through the vmm.notify_socket credential, so systemd in
 * the guest reports READY=1, STATUS= and EXIT_STATUS= there. The listener is opened while
 * planning, since the credential must carry its port; a dry run closes it again unused.
 */
export async function openGuestNotify(plan: Plan, secrets: CredentialStore | undefined, listen: VsockListen = listenVsockStream): Promise<GuestNotifySetup> {
	if (!plan.vsock?.enabled || !secrets) {
		return {};
	}

	if (secrets.has(NOTIFY_CREDENTIAL)) {
		return {
			notice: `credential '${NOTIFY_CREDENTIAL}' is set by the user, so the guest's notifications go where it says; vmspawn-run does not listen for them`,
		};
	}

	try {
		const listener = await listen();
		secrets.add(NOTIFY_CREDENTIAL, Buffer.from(`vsock-stream:2:${listener.port}`));
		return {listener};
	} catch (error) {
		return {
			warning: `cannot listen for the guest's notifications on vsock (${(error as Error).message}); its EXIT_STATUS= still arrives through the virtio-serial port`,
		};
	}
}
