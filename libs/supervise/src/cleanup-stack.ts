/**
 * Clean-up steps, each registered as its resource is acquired and run newest first,
 * so a resource is released before the ones it was built on. Every step runs even
 * when an earlier one failed; the first failure is thrown once all have run.
 * (AsyncDisposableStack does this natively from Node 24; Node 20 lacks it.)
 */
export class CleanupStack {
	readonly #steps: Array<() => unknown> = [];

	defer(step: () => unknown): void {
		this.#steps.push(step);
	}

	async unwind(): Promise<void> {
		let failure: {error: unknown} | undefined;
		for (let step = this.#steps.pop(); step; step = this.#steps.pop()) {
			try {
				await step();
			} catch (error) {
				failure ??= {error};
			}
		}

		if (failure) {
			throw failure.error;
		}
	}
}
