// The baseline a careful person would write instead of vmspawn-run for a VM with a TPM
// and a directory root: manufacture the TPM state, start swtpm, wait for its socket,
// start virtiofsd, wait for its socket, run qemu with the very argv vmspawn-run plans,
// then stop the helpers and remove the runtime directory.

/** What `vmspawn-run --dry-run` prints, as far as the baseline needs it. */
export type DryRun = {
	plan: {
		runtime: {dir: string};
		tpm?: {enabled: boolean; stateDir?: string; manufacture?: {argv: string[]; skipWhenExists?: string}; helper?: {argv: string[]; socket?: string}};
		fs?: {root: {kind: string; share?: {socket: string; helper: {argv: string[]}}}};
	};
	argv: string[];
};

export const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
const command = (argv: readonly string[]) => argv.map(quote).join(' ');

/**
 * The planned qemu argv as a script can run it: a chardev that connects to a socket vmspawn-run
 * itself listens on (the guest's exit-status port) would fail with nobody listening, so it becomes
 * a null chardev with the same id; the device stays, and the guest writes into nothing. The
 * sockets of helpers the script starts (`served`: swtpm's, virtiofsd's) stay as planned: a TPM or
 * a virtiofs share on a null chardev fails (`tpm-emulator: Failed to send CMD_SET_DATAFD`).
 */
export function byHandArgv(argv: readonly string[], served: readonly string[] = []): string[] {
	return argv.map((word, index) => {
		if (argv[index - 1] !== '-chardev' || !word.startsWith('socket,')) {
			return word;
		}

		const options = word.split(',');
		const path = options.find(option => option.startsWith('path='))?.slice('path='.length);
		const client = !options.includes('server=on') && !served.includes(path ?? '');
		return client ? `null,${options.find(option => option.startsWith('id='))!}` : word;
	});
}

/** A bash script booting the dry run's VM by hand: helpers one after the other, each awaited by its socket. */
export function plainBootScript(dryRun: DryRun): string {
	const {runtime, tpm, fs} = dryRun.plan;
	const helpers: Array<{argv: string[]; socket: string}> = [];
	if (tpm?.enabled && tpm.helper?.socket) {
		helpers.push({argv: tpm.helper.argv, socket: tpm.helper.socket});
	}

	if (fs?.root.share) {
		helpers.push({argv: fs.root.share.helper.argv, socket: fs.root.share.socket});
	}

	const lines = [
		'set -u',
		`dir=${quote(runtime.dir)}`,
		'mkdir -p -m 0700 "$dir"',
		'pids=()',
		// Poll for the socket every 10 ms, for at most 30 s.
		'start() { local socket=$1; shift; "$@" < /dev/null > /dev/null 2>&1 & pids+=($!); for _ in $(seq 3000); do [ -S "$socket" ] && return 0; sleep 0.01; done; echo "no socket $socket" >&2; exit 1; }',
	];
	if (tpm?.enabled && tpm.stateDir && tpm.manufacture) {
		// The state is kept beside the root now (persistent): made once, then used as it is.
		const made = tpm.manufacture.skipWhenExists;
		lines.push(`mkdir -p -m 0700 ${quote(tpm.stateDir)}`, `${made ? `[ -e ${quote(made)} ] || ` : ''}${command(tpm.manufacture.argv)} > /dev/null || exit 1`);
	}

	for (const helper of helpers) {
		lines.push(`start ${quote(helper.socket)} ${command(helper.argv)}`);
	}

	const qemu = command(
		byHandArgv(
			dryRun.argv,
			helpers.map(helper => helper.socket),
		),
	);
	lines.push(`${qemu} < /dev/null > /dev/null; status=$?`, 'kill "${pids[@]}" 2> /dev/null; wait', 'rm -rf "$dir"', 'exit $status');
	return `${lines.join('\n')}\n`;
}
