import type {Logger} from '@vmspawn/cli';
import {qmpExecute} from '@vmspawn/qemu';
import type {RunningChild} from './spawn-child.js';

const terminatingSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export type InterruptionOptions = {
	/** qemu's QMP socket: the first signal asks the guest to power off through it. */
	readonly qmpSocket?: string | undefined;
	/** How long a guest may take to power off when asked before qemu is killed. */
	readonly powerdownTimeoutMs?: number | undefined;
	readonly log: Logger;
};

async function powerdown(qmpSocket: string | undefined): Promise<void> {
	if (qmpSocket === undefined) {
		throw new Error('no QMP socket');
	}

	await qmpExecute(qmpSocket, 'system_powerdown');
}

/**
 * SIGINT, SIGTERM and SIGHUP for the length of a run: the first asks the guest to power
 * off (or, before qemu runs, stops the start), a second one or the timeout kills qemu.
 * Records what happened for the outcome.
 */
export class Interruption {
	#signal: NodeJS.Signals | undefined;
	#killedQemu = false;
	#qemu: RunningChild | undefined;
	#resolveReceived!: (signal: NodeJS.Signals) => void;
	readonly received = new Promise<NodeJS.Signals>(resolve => {
		this.#resolveReceived = resolve;
	});

	readonly #onSignal = (signal: NodeJS.Signals) => {
		if (this.#signal === undefined) {
			this.#first(signal);
		} else {
			this.#killQemu();
		}
	};

	constructor(private readonly options: InterruptionOptions) {
		for (const signal of terminatingSignals) {
			process.on(signal, this.#onSignal);
		}
	}

	/** The first signal received, if any; `received` resolves with it. */
	get signal(): NodeJS.Signals | undefined {
		return this.#signal;
	}

	/** qemu was killed because of a signal rather than powered off. */
	get killedQemu(): boolean {
		return this.#killedQemu;
	}

	/** qemu has been spawned: from now on a signal powers it off or kills it. */
	guard(qemu: RunningChild): void {
		this.#qemu = qemu;
	}

	stop(): void {
		for (const signal of terminatingSignals) {
			process.off(signal, this.#onSignal);
		}
	}

	#first(signal: NodeJS.Signals): void {
		this.#signal = signal;
		this.#resolveReceived(signal);
		const qemu = this.#qemu;
		if (!qemu) {
			return;
		}

		const {log} = this.options;
		log.info(`Received ${signal}: asking the guest to power off. Send ${signal} again to kill qemu at once.`);
		const timer = setTimeout(() => {
			log.info('The guest did not power off in time; killing qemu.');
			this.#killQemu();
		}, this.options.powerdownTimeoutMs ?? 30_000);
		void qemu.exited.then(() => clearTimeout(timer));
		powerdown(this.options.qmpSocket).catch((error: unknown) => {
			log.warn(`cannot ask the guest to power off (${(error as Error).message}); killing qemu`);
			this.#killQemu();
		});
	}

	#killQemu(): void {
		this.#killedQemu = true;
		this.#qemu?.child.kill('SIGKILL');
	}
}
