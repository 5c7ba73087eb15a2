import {readFile} from 'node:fs/promises';

export type GuestNotification = {
	/** The last EXIT_STATUS= the guest sent (0..255), if any. */
	readonly exitStatus?: number;
	readonly status?: string;
	readonly ready: boolean;
};

/**
 * Reads what the guest wrote to its notification port: sd_notify-style lines
 * (READY=1, STATUS=..., EXIT_STATUS=N). A missing file means nothing was sent.
 */
export async function readGuestNotification(file: string): Promise<GuestNotification> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch {
		return {ready: false};
	}

	let exitStatus: number | undefined;
	let status: string | undefined;
	let ready = false;
	for (const line of text.split(/[\r\n]+/)) {
		const [key, ...rest] = line.split('=');
		const value = rest.join('=');
		if (key === 'EXIT_STATUS' && /^\d{1,3}$/.test(value.trim()) && Number(value) <= 255) {
			exitStatus = Number(value);
		} else if (key === 'STATUS') {
			status = value;
		} else if (key === 'READY' && value === '1') {
			ready = true;
		}
	}

	return {ready, ...(exitStatus === undefined ? {} : {exitStatus}), ...(status === undefined ? {} : {status})};
}
