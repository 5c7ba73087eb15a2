import {chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {realHost} from '@vmspawn/host';
import type {Plan} from '@vmspawn/plan';
import {type PreflightInput, SOCKET_PATH_MAX, formatChecks, preflightPassed, runPreflight} from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vmspawn-preflight-test-'));
test.after.always(() => rmSync(dir, {recursive: true, force: true}));
const kernel = join(dir, 'vmlinuz');
writeFileSync(kernel, 'kernel');

function input(plan: Partial<Plan>, extra: Partial<PreflightInput> = {}): PreflightInput {
	return {
		plan: {
			version: '1.0',
			machine: {name: 'vm', arch: 'x86_64', machineType: 'q35', cpus: '1', ramMiB: 256, accelerator: 'tcg', acceleratorReason: 'no KVM here'},
			runtime: {dir: join(dir, 'run', 'vm-0000')},
			vsock: {enabled: false, reason: 'no device'},
			boot: {kernel, initrds: [], extraArgs: []},
			...plan,
		} as Plan,
		argv: ['/bin/true'],
		helpers: [],
		sockets: [join(dir, 'run', 'vm-0000', 'qmp.sock')],
		env: process.env,
		host: realHost,
		...extra,
	};
}

const byName = (results: Awaited<ReturnType<typeof runPreflight>>, check: string) => results.find(result => result.check === check);

test('a run whose parts are all there passes, with warnings for TCG and no vsock', async t => {
	const results = await runPreflight(input({}, {argv: [process.execPath]}));
	t.true(preflightPassed(results));
	t.like(byName(results, 'qemu'), {status: 'ok'});
	t.regex(byName(results, 'qemu')!.detail, /v\d+\.\d+/, 'the version the binary reports');
	t.like(byName(results, 'accelerator'), {status: 'warn', detail: 'TCG (software emulation, much slower): no KVM here'});
	t.like(byName(results, 'vsock'), {status: 'warn', detail: 'off: no device'});
});

test('a socket path over the unix limit fails and says how to shorten it', async t => {
	const long = join(dir, 'x'.repeat(SOCKET_PATH_MAX), 'qmp.sock');
	const results = await runPreflight(input({}, {sockets: [long]}));
	t.false(preflightPassed(results));
	t.like(byName(results, 'socket paths'), {status: 'fail'});
	t.regex(byName(results, 'socket paths')!.detail, /exceed the 107-byte limit .*\$VMSPAWN_RUNTIME_DIR/);
});

test('a missing kernel and a missing helper binary each fail with the path', async t => {
	const results = await runPreflight(
		input({boot: {kernel: join(dir, 'gone'), initrds: [], extraArgs: []}}, {helpers: [{name: 'swtpm', argv: ['/nonexistent/swtpm', 'socket']}]}),
	);
	t.false(preflightPassed(results));
	t.like(byName(results, 'kernel'), {status: 'fail', detail: `${dir}/gone is not readable (ENOENT)`});
	t.like(byName(results, 'swtpm'), {status: 'fail', detail: '/nonexistent/swtpm cannot be started (ENOENT)'});
});

test('a runtime directory that exists already fails', async t => {
	const results = await runPreflight(input({runtime: {dir}}));
	t.like(byName(results, 'runtime directory'), {status: 'fail', detail: `${dir} exists already`});
});

test('the report is one line per check, coloured only when asked', t => {
	const results = [
		{check: 'qemu', status: 'ok', detail: 'fine'},
		{check: 'vsock', status: 'fail', detail: 'bad'},
	] as const;
	t.is(formatChecks(results, false), 'ok   qemu: fine\nFAIL vsock: bad\n');
	t.regex(formatChecks(results, true), /^\u001B\[32mok {2}\u001B\[0m qemu: fine\n/);
});

test('a runtime base other users can write to fails, as the run would refuse it', async t => {
	const base = join(dir, 'open-base');
	mkdirSync(base);
	chmodSync(base, 0o777);
	const results = await runPreflight(input({runtime: {dir: join(base, 'vm-0000')}}));
	t.like(byName(results, 'runtime directory'), {status: 'fail', detail: `refusing the runtime directory base ${base}: its mode 0777 lets other users in`});
});

// A plan names programs; --check must not quietly run one from an arbitrary directory to ask its version.
test('a program outside the system directories is reported, not run', async t => {
	const marker = join(dir, 'ran');
	const program = join(dir, 'not-virtiofsd');
	writeFileSync(program, `#!/bin/sh\ntouch ${marker}\necho 1.0\n`, {mode: 0o755});
	const results = await runPreflight(
		input(
			{},
			{
				argv: [program, '-nodefaults'],
				helpers: [
					{name: 'virtiofsd-root', argv: ['/usr/bin/unshare', '-m', program]},
					{name: 'swtpm', argv: [program, 'socket']},
				],
				env: {PATH: '/usr/bin:/bin'},
			},
		),
	);
	t.false(existsSync(marker), 'the program was not started');
	t.like(byName(results, 'qemu'), {status: 'warn', detail: `would run ${program} (not in a system directory); not started to ask its version`});
	t.like(byName(results, 'swtpm (not-virtiofsd)'), {
		status: 'warn',
		detail: `would run ${program} (not in a system directory); not started to ask its version`,
	});
	t.true(preflightPassed(results));
});

test('programs in a directory of $PATH are asked their version', async t => {
	const program = join(dir, 'qemu-on-path');
	writeFileSync(program, '#!/bin/sh\necho QEMU emulator version 9.9\n', {mode: 0o755});
	const results = await runPreflight(input({}, {argv: [program], env: {PATH: `/usr/bin:${dir}`}}));
	t.like(byName(results, 'qemu'), {status: 'ok', detail: `${program}: QEMU emulator version 9.9`});
});

test('a program outside the system directories that is missing still fails', async t => {
	const results = await runPreflight(input({}, {argv: [join(dir, 'gone-qemu')], env: {PATH: '/usr/bin'}}));
	t.like(byName(results, 'qemu'), {status: 'fail', detail: `${dir}/gone-qemu cannot be started (ENOENT)`});
});

test('--console=gui: --check asks qemu whether it can open a window; other modes are not asked', async t => {
	const qemu = join(dir, 'fake-qemu');
	writeFileSync(qemu, '#!/bin/sh\nprintf "Available display backend types:\\nnone\\ncurses\\n"\n');
	chmodSync(qemu, 0o755);
	const gui = await runPreflight(input({console: {mode: 'gui'}}, {argv: [qemu], env: {DISPLAY: ':0'}}));
	t.like(byName(gui, 'display'), {
		status: 'fail',
		detail: 'this qemu cannot open a window: its display backends are none, curses, none of gtk, sdl, cocoa (install the Debian package qemu-system-gui)',
	});
	t.false(preflightPassed(gui));
	t.is(byName(await runPreflight(input({console: {mode: 'read-only'}}, {argv: [qemu]})), 'display'), undefined);
});

test('--console=gui with a qemu that has gtk passes the display check', async t => {
	const qemu = join(dir, 'fake-qemu-gtk');
	writeFileSync(qemu, '#!/bin/sh\nprintf "Available display backend types:\\nnone\\ngtk\\n"\n');
	chmodSync(qemu, 0o755);
	t.like(byName(await runPreflight(input({console: {mode: 'gui'}}, {argv: [qemu], env: {WAYLAND_DISPLAY: 'wayland-0'}})), 'display'), {
		status: 'ok',
		detail: 'qemu can open a window',
	});
});
