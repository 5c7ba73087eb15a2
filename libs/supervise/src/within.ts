/** Waits for `promise`, but no longer than `ms`; the timer never outlives the wait, so it cannot hold the process up. */
export async function within<T>(promise: Promise<T> | undefined, ms: number): Promise<T | undefined> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			promise,
			new Promise<undefined>(resolve => {
				timer = setTimeout(() => {
					resolve(undefined);
				}, ms);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}
