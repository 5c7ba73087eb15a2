import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {once} from 'node:events';

export type PrivateBus = {readonly address: string; readonly directory: string};

/**
 * A real dbus-daemon of our own (the host's system bus may not run), with the
 * given activatable services; stopped when the test ends.
 */
export async function startPrivateBus(t: {teardown(fn: () => void): void}, services: Record<string, string> = {}): Promise<PrivateBus> {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-register-bus-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	const serviceDir = join(directory, 'services');
	mkdirSync(serviceDir);
	for (const [name, content] of Object.entries(services)) {
		writeFileSync(join(serviceDir, `${name}.service`), content);
	}

	const config = join(directory, 'bus.conf');
	writeFileSync(
		config,
		`<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${join(directory, 'bus')}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>${serviceDir}</servicedir>
  <policy context="default">
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
	);
	// setpriv: the daemon dies with the test process even when ava kills a timed-out worker.
	const daemon = spawn('setpriv', ['--pdeathsig', 'KILL', 'dbus-daemon', `--config-file=${config}`, '--nofork', '--print-address=1'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	t.teardown(() => daemon.kill('SIGKILL'));
	let printed = '';
	daemon.stdout.setEncoding('utf8');
	daemon.stdout.on('data', (chunk: string) => {
		printed += chunk;
	});
	let complaints = '';
	daemon.stderr.setEncoding('utf8');
	daemon.stderr.on('data', (chunk: string) => {
		complaints += chunk;
	});
	const failed = once(daemon, 'exit').then(([code]) => {
		throw new Error(`dbus-daemon exited with status ${String(code)} before listening: ${complaints}`);
	});
	failed.catch(() => undefined);
	while (!printed.includes('\n')) {
		await Promise.race([once(daemon.stdout, 'data'), failed]);
	}

	return {address: printed.trim(), directory};
}
