import type {Writable} from 'node:stream';
import type {Section} from '@vmspawn/plan';
import {bannerLines} from './banner.js';
import {forwardConsoleInput} from './forward-input.js';
import {tintSequence, untintSequence} from './terminal.js';

type Attach = (guestInput: Writable, onEscape: () => void) => {stop(): void};

export type ConsoleSessionRequest = {
	readonly mode: Section<'console'>['mode'];
	readonly name: string;
	/** What the VM runs on, for the banner: the image, directory or kernel. */
	readonly target: string;
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly stderr: NodeJS.WritableStream;
	/** stdin already carried a plan or a credential and has nothing left for the guest. */
	readonly stdinConsumed: boolean;
	readonly quiet: boolean;
	/** --background=SGR; empty or absent: no tint. */
	readonly background?: string | undefined;
};

export type ConsoleSession = {
	/** What qemu's console reads (see RunVmRequest.consoleInput). */
	readonly input: 'inherit' | 'ignore' | Attach;
	begin(): void;
	end(): void;
};

/**
 * How the user's terminal meets the guest console. Interactive mode forwards input
 * through vmspawn-run (for the Ctrl-] escape) while qemu writes the guest's output
 * straight to stdout; on a pipe nothing but the guest's own output is written there.
 */
export function consoleSession(request: ConsoleSessionRequest): ConsoleSession {
	const {mode, stdin, stdout} = request;
	const forwardInput = mode === 'interactive' && !request.stdinConsumed;
	const input: ConsoleSession['input'] =
		mode === 'native' ? 'inherit' : forwardInput ? (guestInput, onEscape) => forwardConsoleInput(stdin, guestInput, onEscape) : 'ignore';
	const style = {background: request.background};
	const tint = stdout.isTTY === true && (mode === 'interactive' || mode === 'read-only');
	return {
		input,
		begin() {
			if (!request.quiet) {
				for (const line of bannerLines(request.name, request.target, mode, forwardInput && stdin.isTTY === true)) {
					request.stderr.write(`${line}\n`);
				}
			}

			if (tint) {
				stdout.write(tintSequence(style));
			}
		},
		end() {
			if (tint) {
				stdout.write(untintSequence(style));
			}
		},
	};
}

/** Kernel command line words that tell a systemd guest about the user's terminal, on the guest's console `device`. */
export function terminalArgs(stdout: NodeJS.WriteStream, env: NodeJS.ProcessEnv, device = 'hvc0'): string[] {
	if (!stdout.isTTY) {
		return [];
	}

	const term = env['TERM'];
	return [
		...(term && /^[\w.+-]+$/.test(term) ? [`systemd.tty.term.${device}=${term}`] : []),
		...(stdout.columns ? [`systemd.tty.columns.${device}=${stdout.columns}`] : []),
		...(stdout.rows ? [`systemd.tty.rows.${device}=${stdout.rows}`] : []),
	];
}
