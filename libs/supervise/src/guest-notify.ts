export type GuestNotification = {
	/** The last EXIT_STATUS= the guest sent (0..255), if any. */
	readonly exitStatus?: number;
	readonly status?: string;
	readonly ready: boolean;
};

/** One sd_notify-style line that matters to the host; anything else the guest may send is ignored. */
export type NotifyLine =
	| {readonly kind: 'ready'}
	| {readonly kind: 'status'; readonly text: string}
	| {readonly kind: 'exit-status'; readonly status: number}
	| {readonly kind: 'invalid-exit-status'; readonly text: string};

/** Splits a notification on \n and \r into the lines that matter (READY=1, STATUS=, EXIT_STATUS=). */
export function parseNotifyLines(text: string): NotifyLine[] {
	const lines: NotifyLine[] = [];
	for (const line of text.split(/[\r\n]+/)) {
		const [key, ...rest] = line.split('=');
		const value = rest.join('=');
		if (key === 'EXIT_STATUS') {
			// 0..255, as newer upstream: anything else cannot be a process's exit status.
			lines.push(
				/^\d{1,3}$/.test(value.trim()) && Number(value) <= 255 ? {kind: 'exit-status', status: Number(value)} : {kind: 'invalid-exit-status', text: value},
			);
		} else if (key === 'STATUS') {
			lines.push({kind: 'status', text: value});
		} else if (key === 'READY' && value === '1') {
			lines.push({kind: 'ready'});
		}
	}

	return lines;
}

/** The state after `lines`: READY sticks, the last STATUS and EXIT_STATUS win. */
export function applyNotifyLines(state: GuestNotification, lines: readonly NotifyLine[]): GuestNotification {
	let {ready, status, exitStatus} = state;
	for (const line of lines) {
		if (line.kind === 'ready') {
			ready = true;
		} else if (line.kind === 'status') {
			status = line.text;
		} else if (line.kind === 'exit-status') {
			exitStatus = line.status;
		}
	}

	return {ready, ...(exitStatus === undefined ? {} : {exitStatus}), ...(status === undefined ? {} : {status})};
}
