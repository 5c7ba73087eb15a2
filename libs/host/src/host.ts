import {spawnSync} from 'node:child_process';
import {findBinary} from './find-binary.js';
import {type HostFs, realHostFs} from './host-fs.js';
import {type CommandResult, type RunCommand, runCommand} from './run-command.js';
import {hostVsockDevice} from './real-vsock-device.js';
import type {VsockDevice} from './vsock-device.js';

/** Runs a short command to its end without giving up the thread: for probes on paths that are synchronous. */
export type RunCommandSync = (argv: readonly string[], options?: {readonly timeoutMs?: number}) => CommandResult;

/**
 * The machine the tools run on, as one seam: what they read of it, the programs
 * they look up and run, and its devices. Tools reach it through ToolIo.host;
 * tests pass @vmspawn/testing's fakeHost() to describe a machine without touching this one.
 * Files a run creates (runtime directory, state) are not behind it: tests give
 * those a scratch directory through the environment instead.
 */
export type Host = {
	/** Node's name for this machine's architecture (process.arch). */
	readonly arch: string;
	/** The effective user id the tools run as. */
	readonly euid: number;
	/** The device and system files the probes read. */
	readonly fs: HostFs;
	/** An executable on env's $PATH, then in the fallbacks; undefined when there is none. */
	findBinary(name: string, fallbacks: readonly string[], env: NodeJS.ProcessEnv): string | undefined;
	readonly run: RunCommand;
	readonly runSync: RunCommandSync;
	/** /dev/vhost-vsock, or the fd a service manager passed for it in env. */
	vsockDevice(env: NodeJS.ProcessEnv): VsockDevice;
	/** The terminal the console reads and writes; only a VM that starts touches it. */
	terminal(): {readonly stdin: NodeJS.ReadStream; readonly stdout: NodeJS.WriteStream};
};

// LC_ALL=C: help and error texts are parsed and quoted, so keep them untranslated.
export const runCommandSync: RunCommandSync = (argv, options = {}) => {
	const [file, ...args] = argv;
	const result = spawnSync(file ?? '', args, {
		encoding: 'utf8',
		env: {...process.env, LC_ALL: 'C'},
		timeout: options.timeoutMs ?? 0,
		maxBuffer: 4 << 20,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const base = {
		argv,
		stdout: result.stdout ?? '',
		stderr: result.stderr ?? '',
		timedOut: (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT',
	};
	const spawnError = (result.error as NodeJS.ErrnoException | undefined)?.code;
	if (spawnError !== undefined && !base.timedOut) {
		return {...base, code: null, signal: null, spawnError};
	}

	return {...base, code: result.status, signal: result.signal};
};

export const realHost: Host = {
	arch: process.arch,
	euid: process.geteuid?.() ?? 0,
	fs: realHostFs,
	findBinary: (name, fallbacks, env) => findBinary(name, fallbacks, env, realHostFs),
	run: runCommand,
	runSync: runCommandSync,
	vsockDevice: env => hostVsockDevice(env),
	// A function: reading process.stdin makes Node open fd 0 as a stream, which plans and credentials read as a file.
	terminal: () => ({stdin: process.stdin, stdout: process.stdout}),
};
