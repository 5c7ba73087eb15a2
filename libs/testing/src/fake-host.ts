import {delimiter, join} from 'node:path';
import {type CommandResult, type Host, type HostFs, VHOST_VSOCK_PATH, type VsockDevice, openFailure} from '@vmspawn/host';
import {fixtureText} from './fixtures.js';

/** What a command answers: its output and status (0 unless said). */
export type FakeAnswer = {readonly stdout?: string; readonly stderr?: string; readonly code?: number | null; readonly spawnError?: string};

export type FakeHostOptions = {
	/** Node's architecture name; default x64. */
	readonly arch?: string;
	/** Default 0: the tools run as root, as the CI does. */
	readonly euid?: number;
	/** The installed programs, name to path; replaces the default Debian set. */
	readonly programs?: Readonly<Record<string, string>>;
	/** Programs added to (or, undefined, taken from) the default set. */
	readonly withPrograms?: Readonly<Record<string, string | undefined>>;
	/** Files the probes read (/proc/cpuinfo, /dev/kvm, /sys/module/...): path to content. Default none: no KVM. */
	readonly files?: Readonly<Record<string, string>>;
	/** Answers by the whole command line (words joined by spaces), over the default ones. */
	readonly answers?: Readonly<Record<string, FakeAnswer>>;
	/** /dev/vhost-vsock; default: absent (ENOENT). */
	readonly vsockDevice?: VsockDevice;
};

/** A Host that touches nothing of this machine, and the commands it was asked to run. */
export type FakeHost = Host & {readonly ran: ReadonlyArray<readonly string[]>};

/** A Debian 12 x86-64 host with everything vmspawn-run uses installed: bookworm's paths, trixie's Rust virtiofsd. */
export const debianPrograms: Readonly<Record<string, string>> = {
	'qemu-system-x86_64': '/usr/bin/qemu-system-x86_64',
	'qemu-system-aarch64': '/usr/bin/qemu-system-aarch64',
	'qemu-img': '/usr/bin/qemu-img',
	swtpm: '/usr/bin/swtpm',
	swtpm_setup: '/usr/bin/swtpm_setup',
	swtpm_localca: '/usr/bin/swtpm_localca',
	virtiofsd: '/usr/libexec/virtiofsd',
	'systemd-journal-remote': '/usr/lib/systemd/systemd-journal-remote',
	'ssh-keygen': '/usr/bin/ssh-keygen',
	getent: '/usr/bin/getent',
	unshare: '/usr/bin/unshare',
	mount: '/usr/bin/mount',
	sh: '/bin/sh',
};

function programSet(options: FakeHostOptions): Map<string, string> {
	const programs = new Map(Object.entries(options.programs ?? debianPrograms));
	for (const [name, path] of Object.entries(options.withPrograms ?? {})) {
		if (path === undefined) {
			programs.delete(name);
		} else {
			programs.set(name, path);
		}
	}

	return programs;
}

// The first lines of Debian 12's --version texts (virtiofsd: trixie's, as scripts/install-rust-virtiofsd.sh installs it).
const versionTexts: Readonly<Record<string, string>> = {
	'qemu-system-x86_64': 'QEMU emulator version 7.2.19 (Debian 1:7.2+dfsg-7+deb12u18)\n',
	'qemu-system-aarch64': 'QEMU emulator version 7.2.19 (Debian 1:7.2+dfsg-7+deb12u18)\n',
	virtiofsd: 'virtiofsd 1.13.2\n',
	swtpm: 'TPM emulator version 0.7.1, Copyright (c) 2014-2021 IBM Corp.\n',
	'systemd-journal-remote': 'systemd 252 (252.39-1~deb12u1)\n',
};

// What the installed programs answer to the probes the tools make, as the real ones do on Debian 12.
function defaultAnswers(programs: ReadonlyMap<string, string>): Map<string, FakeAnswer> {
	const answers = new Map<string, FakeAnswer>();
	for (const [name, path] of programs) {
		answers.set(`${path} --version`, {stdout: versionTexts[name] ?? `${name} 1.0 (fake host)\n`});
	}

	const path = (name: string) => programs.get(name) ?? `/nonexistent/${name}`;
	answers.set(`${path('virtiofsd')} --help`, {stdout: fixtureText('virtiofsd/virtiofsd-rust-1.13.help.txt')});
	answers.set(`${path('swtpm_setup')} --print-capabilities`, {stdout: fixtureText('swtpm/swtpm_setup-0.7.1.capabilities.json')});
	answers.set(`${path('swtpm_setup')} --help`, {stdout: fixtureText('swtpm/swtpm_setup-0.7.1.help.txt')});
	answers.set(`${path('systemd-journal-remote')} --help`, {stdout: '  --max-use=BYTES          Maximum disk space to use\n'});
	for (const qemu of ['qemu-system-x86_64', 'qemu-system-aarch64']) {
		// qemu 7.2 has no kvm device= property and no window display without qemu-system-gui.
		answers.set(`${path(qemu)} -accel kvm,device=/dev/null -machine none -display none -S -nodefaults`, {
			code: 1,
			stderr: "qemu-system: -accel kvm,device=/dev/null: Property 'kvm-accel.device' not found\n",
		});
		answers.set(`${path(qemu)} -display help`, {stdout: 'Available display backend types:\nnone\ncurses\n'});
	}

	return answers;
}

function fakeFs(programPaths: ReadonlySet<string>, files: Readonly<Record<string, string>>): HostFs {
	const has = (path: string) => Object.hasOwn(files, path);
	return {
		readFile: path => (has(path) ? files[path] : undefined),
		exists: path => has(path) || programPaths.has(path),
		tryOpenReadWrite: path => (has(path) ? undefined : 'ENOENT'),
		isExecutable: path => programPaths.has(path),
	};
}

const absentVsockDevice: VsockDevice = {
	path: VHOST_VSOCK_PATH,
	open: async () => openFailure(VHOST_VSOCK_PATH, 'ENOENT'),
	setGuestCid() {
		throw new Error('setGuestCid() on an absent device');
	},
	close() {},
};

/**
 * A machine described in memory, for tests that plan runs without qemu, swtpm or
 * virtiofsd installed: programs are found on $PATH as on a real host, commands answer
 * from a table (an unknown one cannot be started), and nothing is ever run.
 */
export function fakeHost(options: FakeHostOptions = {}): FakeHost {
	const programs = programSet(options);
	const programPaths = new Set(programs.values());
	const answers = defaultAnswers(programs);
	for (const [command, answer] of Object.entries(options.answers ?? {})) {
		answers.set(command, answer);
	}

	const ran: Array<readonly string[]> = [];
	const answer = (argv: readonly string[]): CommandResult => {
		ran.push(argv);
		const found = answers.get(argv.join(' '));
		const base = {argv, signal: null, timedOut: false, stdout: found?.stdout ?? '', stderr: found?.stderr ?? ''};
		if (found === undefined || found.spawnError !== undefined) {
			return {...base, code: null, spawnError: found?.spawnError ?? 'ENOENT'};
		}

		return {...base, code: found.code === undefined ? 0 : found.code};
	};

	const fs = fakeFs(programPaths, options.files ?? {});
	return {
		arch: options.arch ?? 'x64',
		euid: options.euid ?? 0,
		fs,
		findBinary(name, fallbacks, env) {
			const directories = (env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter).filter(Boolean);
			return [...directories.map(directory => join(directory, name)), ...fallbacks].find(path => fs.isExecutable(path));
		},
		run: async argv => answer(argv),
		runSync: argv => answer(argv),
		vsockDevice: () => options.vsockDevice ?? absentVsockDevice,
		terminal() {
			throw new Error('fakeHost() has no terminal: the test started a VM');
		},
		ran,
	};
}
