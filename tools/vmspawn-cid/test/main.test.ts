import {existsSync} from 'node:fs';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {PLAN_FORMAT_VERSION} from '@vmspawn/plan';
import {deriveCids} from '@vmspawn/vsock';
import {planOf, runMain} from './helpers.js';
import {imitatedVsockDevice} from '@vmspawn/testing';

const foo = deriveCids('foo');
const machine = {name: 'web1', arch: 'x86_64', type: 'q35', cpus: '1', ramMiB: 2048, accelerator: 'tcg'};

test('writes a vsock section with the first derived CID for -M (imitated vhost-vsock device)', async t => {
	const run = await runMain(['-M', 'foo'], {device: imitatedVsockDevice()});
	t.is(run.status, 0);
	t.deepEqual(planOf(run), {version: PLAN_FORMAT_VERSION, vsock: {enabled: true, cid: foo[0], cidSource: 'derived', derivedFrom: 'foo'}});
	t.is(run.stderr, '');
});

test("the name comes from the incoming plan's machine.name, other sections pass through (imitated vhost-vsock device)", async t => {
	const run = await runMain([], {device: imitatedVsockDevice(), plan: {version: '1.0', machine, custom: {kept: true}}});
	const plan = planOf(run);
	t.deepEqual(plan['machine'], machine);
	t.deepEqual(plan['custom'], {kept: true});
	t.like(plan['vsock'], {cid: deriveCids('web1')[0], derivedFrom: 'web1'});
});

test('-M wins over the plan, and a taken first candidate moves on (imitated vhost-vsock device)', async t => {
	const run = await runMain(['--machine=foo'], {device: imitatedVsockDevice({taken: [foo[0]!]}), plan: {version: '1.0', machine}});
	t.like(planOf(run)['vsock'], {cid: foo[1], derivedFrom: 'foo'});
});

test('--vsock-cid= is used as given (imitated vhost-vsock device)', async t => {
	const run = await runMain(['--vsock-cid=4242'], {device: imitatedVsockDevice()});
	t.deepEqual(planOf(run)['vsock'], {enabled: true, cid: 4242, cidSource: 'explicit'});
});

test('a taken --vsock-cid= fails with EADDRINUSE (imitated vhost-vsock device)', async t => {
	const error = await t.throwsAsync(runMain(['--vsock-cid=4242'], {device: imitatedVsockDevice({taken: [4242]})}), {instanceOf: CliError});
	t.is(error?.exitCode, 98);
	t.regex(error?.message ?? '', /^CID 4242 is already in use by another VM/);
});

test('--vsock=no writes vsock off without a machine name', async t => {
	t.deepEqual(planOf(await runMain(['--vsock=no']))['vsock'], {enabled: false, reason: 'disabled with --vsock=no'});
});

(existsSync('/dev/vhost-vsock') ? test.skip : test)('by default the host device is used: on this host, without /dev/vhost-vsock, vsock is off', async t => {
	const vsock = planOf(await runMain(['-M', 'foo']))['vsock'] as {enabled: boolean; reason: string};
	t.false(vsock.enabled);
	t.regex(vsock.reason, /\/dev\/vhost-vsock/);
});

for (const [args, message] of [
	[['--vsock-cid=2'], 'invalid --vsock-cid=2: expected a CID from 3 to 4294967294'],
	[['--vsock-cid=host'], 'invalid --vsock-cid=host: expected a CID from 3 to 4294967294 (host is CID 2, which is reserved)'],
	[['--vsock=perhaps'], 'invalid --vsock=perhaps: expected a boolean (yes/no, true/false, on/off, 1/0) or auto'],
	[['-M', 'bad name'], "invalid --machine=bad name: expected a valid host name (letters, digits, '-', '_', dots between labels, at most 64 characters)"],
	[['--vsock=yes'], 'no machine name to derive the guest CID from: use -M NAME, --vsock-cid=CID, or pipe in a plan with machine.name'],
	[['pick'], 'unknown command pick (the only command is derive)'],
	[['derive'], 'derive needs a machine name: vmspawn-cid derive NAME'],
	[['derive', 'a', 'b'], 'derive takes one NAME, not 2 arguments'],
] as const) {
	test(`${args.join(' ')} is refused with a message naming it`, async t => {
		const error = await t.throwsAsync(runMain(args, {device: imitatedVsockDevice()}), {instanceOf: CliError});
		t.is(error?.message, message);
		t.is(error?.exitCode, 22);
	});
}

test('derive prints the 64 candidates in order without touching a device', async t => {
	const device = imitatedVsockDevice({openError: 'EIO'});
	const run = await runMain(['derive', 'foo'], {device});
	t.is(run.stdout, `${foo.join('\n')}\n`);
	t.is((await runMain(['-M', 'foo', 'derive'], {device})).stdout, run.stdout);
});

test('--help lists the options and the derive command', async t => {
	const {stdout} = await runMain(['--help']);
	for (const text of ['--vsock=BOOL', '--vsock-cid=CID', '-M, --machine=NAME', 'derive', '[default: auto]']) {
		t.true(stdout.includes(text), text);
	}
});
