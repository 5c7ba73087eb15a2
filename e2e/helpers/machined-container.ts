import {type ChildProcess, execFileSync, spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {execa} from 'execa';
import type {ToolResult} from './tools.js';

/**
 * A real systemd (with its D-Bus system bus and systemd-machined) booted in a
 * systemd-nspawn container, for hosts where systemd is not PID 1.
 *
 * The container's root is the host's own root file system, seen through an
 * overlay whose upper layer is a private tmpfs: nothing the container writes
 * reaches the host, and nothing is copied. nspawn refuses `-D /` itself and
 * wants an empty /dev, so the overlay is mounted on a directory of our own and
 * /dev is emptied in it. nspawn runs with --register=no --keep-unit, as the
 * host has no machined or service manager to talk to, and --private-network,
 * so the container's services do not compete with the host's for ports.
 */
export type MachinedContainer = {
	readonly name: string;
	/** The host pid of the container's systemd. */
	readonly leader: number;
	/** Seconds from starting nspawn until the container's boot finished. */
	readonly bootSeconds: number;
	/**
	 * Runs a command in the container as a transient service (systemd-run --wait --pipe):
	 * a process machined accepts as a leader must belong to a unit, which a process
	 * that merely entered the namespaces does not.
	 */
	service(argv: readonly string[], options?: {timeoutMs?: number; env?: Record<string, string>; unit?: string}): Promise<ToolResult>;
	/** Runs a command in the container's namespaces (nsenter), e.g. machinectl or busctl. */
	exec(argv: readonly string[]): Promise<ToolResult>;
	/** Powers the container off and removes its mounts; safe to call twice. */
	stop(): Promise<void>;
};

export type ContainerOptions = {
	/** Host paths bound into the container at the same place (read-write). */
	readonly binds?: readonly string[];
	/** Host paths bound read-only at the same place (the repository, the test guest). */
	readonly readOnlyBinds?: readonly string[];
	readonly bootTimeoutMs?: number;
};

async function run(argv: readonly string[], timeoutMs = 60_000): Promise<ToolResult> {
	const result = await execa(argv[0]!, argv.slice(1), {reject: false, stdin: 'ignore', timeout: timeoutMs, stripFinalNewline: false});
	return {exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr)};
}

function parentOf(pid: string): number | undefined {
	try {
		// The command name may contain blanks and parentheses: the fields after the last ')' are fixed.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	} catch {
		return undefined;
	}
}

/** The container's init: nspawn's child (nspawn clones it with CLONE_PARENT). */
function childOf(parent: number): number | undefined {
	const child = readdirSync('/proc').find(entry => /^\d+$/.test(entry) && parentOf(entry) === parent);
	return child === undefined ? undefined : Number(child);
}

function unmount(path: string): void {
	try {
		// Lazy: a process of the container that is still on its way out must not keep the mount.
		execFileSync('umount', ['--lazy', path], {stdio: 'ignore'});
	} catch {
		// Not mounted (any more).
	}
}

/** Boots the container; it is powered off and its mounts removed when the test (or hook) ends. */
export async function startMachinedContainer(t: {teardown(fn: () => Promise<void>): void}, options: ContainerOptions = {}): Promise<MachinedContainer> {
	const name = `vmspawn-e2e-machined-${process.pid}`;
	const base = mkdtempSync(join(tmpdir(), 'vmspawn-e2e-nspawn-'));
	const root = join(base, 'root');
	let nspawn: ChildProcess | undefined;
	let stopped = false;
	const output: string[] = [];

	const stop = async () => {
		if (stopped) {
			return;
		}

		stopped = true;
		if (nspawn && nspawn.exitCode === null && nspawn.signalCode === null) {
			const exited = once(nspawn, 'exit');
			const leader = childOf(nspawn.pid!);
			if (leader !== undefined) {
				await run(['nsenter', '-t', String(leader), '-a', 'systemctl', 'poweroff', '--no-block'], 10_000);
			}

			const timer = setTimeout(() => nspawn?.kill('SIGKILL'), 30_000);
			await exited;
			clearTimeout(timer);
		}

		unmount(root);
		unmount(base);
		rmSync(base, {recursive: true, force: true});
	};

	t.teardown(stop);
	execFileSync('mount', ['-t', 'tmpfs', '-o', 'mode=0700', 'tmpfs', base]);
	for (const directory of ['upper', 'work', 'root']) {
		mkdirSync(join(base, directory));
	}

	// lowerdir=/ is the root file system alone: /proc, /sys, /dev and /run are nspawn's to mount.
	execFileSync('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=/,upperdir=${join(base, 'upper')},workdir=${join(base, 'work')}`, root]);
	for (const entry of readdirSync(join(root, 'dev'))) {
		rmSync(join(root, 'dev', entry), {recursive: true, force: true});
	}

	const started = Date.now();
	nspawn = spawn(
		'setpriv',
		[
			// nspawn dies with the test process; its container dies with nspawn.
			'--pdeathsig',
			'KILL',
			'systemd-nspawn',
			'--quiet',
			'-D',
			root,
			'--machine',
			name,
			'--boot',
			'--register=no',
			'--keep-unit',
			'--private-network',
			'--console=pipe',
			...(options.binds ?? []).map(path => `--bind=${path}`),
			...(options.readOnlyBinds ?? []).map(path => `--bind-ro=${path}`),
			// The host's own services (a database, say) are not needed; sockets.target brings D-Bus, which activates machined.
			'systemd.unit=basic.target',
		],
		{stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, SYSTEMD_NSPAWN_LOCK: '0'}},
	);
	for (const stream of [nspawn.stdout!, nspawn.stderr!]) {
		stream.setEncoding('utf8');
		stream.on('data', (chunk: string) => output.push(chunk));
	}

	const failure = (why: string) => new Error(`${why}; nspawn said:\n${output.join('').split('\n').slice(-30).join('\n')}`);
	const deadline = started + (options.bootTimeoutMs ?? 90_000);
	let leader: number | undefined;
	for (;;) {
		if (nspawn.exitCode !== null || nspawn.signalCode !== null) {
			throw failure(`systemd-nspawn exited (${nspawn.exitCode ?? nspawn.signalCode}) while booting`);
		}

		if (Date.now() > deadline) {
			throw failure('the container did not finish booting in time');
		}

		leader ??= childOf(nspawn.pid!);
		if (leader !== undefined) {
			// --wait: returns once the boot transaction is done; fails at once while PID 1 is not up yet.
			const state = await run(['nsenter', '-t', String(leader), '-a', 'systemctl', 'is-system-running', '--wait'], Math.max(1000, deadline - Date.now()));
			if (['running', 'degraded'].includes(state.stdout.trim())) {
				break;
			}
		}

		await delay(100);
	}

	const bootSeconds = (Date.now() - started) / 1000;
	const enter = (argv: readonly string[]) => ['nsenter', '-t', String(leader), '-a', ...argv];
	return {
		name,
		leader,
		bootSeconds,
		async service(argv, {timeoutMs = 240_000, env = {}, unit} = {}) {
			const setenv = Object.entries(env).map(([key, value]) => `--setenv=${key}=${value}`);
			return run(enter(['systemd-run', '--quiet', '--wait', '--pipe', '--collect', ...(unit ? [`--unit=${unit}`] : []), ...setenv, '--', ...argv]), timeoutMs);
		},
		async exec(argv) {
			return run(enter(argv));
		},
		stop,
	};
}

/** Leftovers of a container: nspawn processes and the harness's mounts. */
export function containerLeftovers(name: string): string[] {
	const mounts = readFileSync('/proc/self/mounts', 'utf8')
		.split('\n')
		.filter(line => line.includes('vmspawn-e2e-nspawn-'));
	const processes = readdirSync('/proc')
		.filter(entry => /^\d+$/.test(entry))
		.flatMap(pid => {
			try {
				const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
				return cmdline.includes(name) ? [`${pid}: ${cmdline.trim()}`] : [];
			} catch {
				return [];
			}
		});
	return [...mounts, ...processes];
}
