import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import test from 'ava';

const cli = fileURLToPath(new URL('fixtures/fake-host-cli.ts', import.meta.url));

// A dry run that needs nothing the passed fds could stand for.
const dryRun = ['--dry-run', '--kvm=no', '--vsock=no', '--tpm=no', '--pass-ssh-key=no', '-D', '.', '-M', 'fds'];

// A service manager's hand-over, as systemd does it: fds from 3 on, named in LISTEN_FDNAMES,
// meant for the process whose pid is LISTEN_PID (the shell's pid, which exec keeps).
async function runWithPassedFds(names: string, args: readonly string[]): Promise<{status: number | null; stdout: string; stderr: string}> {
	const count = names.split(':').length;
	const redirections = Array.from({length: count}, (_, index) => `${3 + index}</dev/null`).join(' ');
	const script = `LISTEN_PID=$$ LISTEN_FDS=${count} LISTEN_FDNAMES=${names} exec "$0" --import=tsx --conditions=@vmspawn/source "$@" ${redirections}`;
	return new Promise(resolve => {
		execFile('/bin/sh', ['-c', script, process.execPath, cli, ...args], {encoding: 'utf8', timeout: 60_000}, (error, stdout, stderr) => {
			resolve({status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr});
		});
	});
}

test("fds passed with unknown names are closed with upstream's warning, and a kvm fd with KVM off is ignored with a warning", async t => {
	const result = await runWithPassedFds('journal:kvm', [...dryRun, '--linux=/boot/vmlinuz']);
	t.is(result.status, 0, result.stderr);
	t.regex(result.stderr, /^vmspawn-run: warning: Couldn't recognize passed fd 3 \(journal\), closing fd and ignoring\.\.\.$/m);
	t.regex(result.stderr, /^vmspawn-run: warning: KVM is disabled but fd for \/dev\/kvm was passed, closing fd and ignoring$/m);
	const {argv} = JSON.parse(result.stdout) as {argv: string[]};
	t.false(argv.includes('-add-fd'));
	t.is(argv[argv.indexOf('-accel') + 1], 'tcg');
});

test('fds meant for another process (LISTEN_PID not ours) are left alone and not warned about', async t => {
	const result = await new Promise<{status: number | null; stderr: string}>(resolve => {
		execFile(
			process.execPath,
			['--import=tsx', '--conditions=@vmspawn/source', cli, ...dryRun, '--linux=/k'],
			{
				encoding: 'utf8',
				env: {...process.env, LISTEN_PID: '1', LISTEN_FDS: '1', LISTEN_FDNAMES: 'journal'},
			},
			(error, _stdout, stderr) => {
				resolve({status: error ? 1 : 0, stderr});
			},
		);
	});
	t.is(result.status, 0, result.stderr);
	t.notRegex(result.stderr, /passed fd/);
});
