import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import test from 'ava';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

test('vmspawn-cid closes passed fds it has no use for, each with a warning', async t => {
	const script = 'LISTEN_PID=$$ LISTEN_FDS=2 LISTEN_FDNAMES=kvm:notify exec "$0" --import=tsx --conditions=@vmspawn/source "$@" 3</dev/null 4</dev/null';
	const result = await new Promise<{status: number | null; stdout: string; stderr: string}>(resolve => {
		execFile('/bin/sh', ['-c', script, process.execPath, cli, '--vsock=no', '-M', 'fds'], {encoding: 'utf8', timeout: 60_000}, (error, stdout, stderr) => {
			resolve({status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr});
		});
	});
	t.is(result.status, 0, result.stderr);
	t.is(
		result.stderr,
		[
			"vmspawn-cid: warning: Couldn't recognize passed fd 4 (notify), closing fd and ignoring...",
			'vmspawn-cid: warning: fd 3 (kvm) is of no use to vmspawn-cid (vmspawn-run takes it); closing it',
			'',
		].join('\n'),
	);
	t.false((JSON.parse(result.stdout) as {vsock: {enabled: boolean}}).vsock.enabled);
});
