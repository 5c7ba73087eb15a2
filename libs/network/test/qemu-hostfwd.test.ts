import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import {connect, createServer} from 'node:net';
import {once} from 'node:events';
import {networkArgs} from '@vmspawn/qemu';
import test from 'ava';
import {findFreeTcpPort, planNetwork} from '../src/index.js';

// Real qemu, never booting anything: -S keeps the CPU stopped, but slirp sets up its
// forwards at start, so a listening loopback port proves qemu took the -nic argv.
const qemu = 'qemu-system-x86_64';
const hasQemu = spawnSync(qemu, ['--version']).status === 0;
const qemuTest = hasQemu ? test.serial : test.skip;

function startQemu(nic: readonly string[]): {child: ChildProcess; stderr: () => string} {
	const child = spawn(qemu, ['-machine', 'q35', '-accel', 'tcg', '-nographic', '-nodefaults', '-S', '-display', 'none', ...nic, '-monitor', 'none'], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	return {child, stderr: () => stderr};
}

async function accepts(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = connect({host: '127.0.0.1', port});
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => {
			resolve(false);
		});
	});
}

qemuTest('qemu accepts the user-mode argv and listens on the forwarded loopback port', async t => {
	const port = await findFreeTcpPort();
	const {section} = planNetwork({userMode: true, tap: false, ports: [`${port}:22`], machineName: 'web1', env: {}, uid: 1000});
	const {child, stderr} = startQemu(networkArgs(section));
	const exited = once(child, 'exit');
	try {
		const deadline = Date.now() + 1500;
		let listening = false;
		while (!listening && child.exitCode === null && Date.now() < deadline) {
			listening = await accepts(port);
			await new Promise(resolve => setTimeout(resolve, 20));
		}

		t.true(listening, `qemu did not listen on 127.0.0.1:${port}: ${stderr()}`);
	} finally {
		child.kill('SIGTERM');
		await exited;
	}
});

qemuTest('qemu refuses to start when a forwarded host port is taken', async t => {
	const blocker = createServer();
	await new Promise<void>(resolve => blocker.listen({host: '127.0.0.1', port: 0}, resolve));
	const address = blocker.address();
	const port = typeof address === 'object' && address !== null ? address.port : 0;
	try {
		const {child, stderr} = startQemu(networkArgs({mode: 'user', ports: [{protocol: 'tcp', hostAddress: '127.0.0.1', hostPort: port, guestPort: 22}]}));
		// Should qemu start after all, do not wait for ava's timeout.
		const guard = setTimeout(() => child.kill('SIGKILL'), 2000);
		const [code] = (await once(child, 'exit')) as [number | null];
		clearTimeout(guard);
		t.is(code, 1);
		t.regex(stderr(), /host forwarding rule/i);
	} finally {
		blocker.close();
	}
});
