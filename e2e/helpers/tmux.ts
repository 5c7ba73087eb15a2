import {execFileSync} from 'node:child_process';
import {setTimeout as delay} from 'node:timers/promises';

/** A command running in a detached tmux session of its own: a real terminal to type into and read from. */
export class TmuxSession {
	private constructor(readonly name: string) {}

	static start(name: string, command: string, size = {columns: 120, rows: 40}): TmuxSession {
		execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', String(size.columns), '-y', String(size.rows), command]);
		// Keep the pane after the command ends, so its last output and exit can be read.
		execFileSync('tmux', ['set-option', '-t', name, 'remain-on-exit', 'on']);
		return new TmuxSession(name);
	}

	screen(): string {
		return execFileSync('tmux', ['capture-pane', '-p', '-S', '-200', '-t', this.name], {encoding: 'utf8'});
	}

	type(...keys: string[]): void {
		execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
	}

	/** Whether the command has ended, and its exit status. */
	exitStatus(): number | undefined {
		const [dead, status] = execFileSync('tmux', ['display-message', '-p', '-t', this.name, '#{pane_dead} #{pane_dead_status}'], {encoding: 'utf8'})
			.trim()
			.split(' ');
		return dead === '1' ? Number(status) : undefined;
	}

	async waitFor(predicate: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!predicate()) {
			if (Date.now() > deadline) {
				throw new Error(`timed out waiting for ${what}; screen:\n${this.screen()}`);
			}

			await delay(200);
		}
	}

	kill(): void {
		try {
			execFileSync('tmux', ['kill-session', '-t', this.name], {stdio: 'ignore'});
		} catch {
			// Already gone.
		}
	}
}
