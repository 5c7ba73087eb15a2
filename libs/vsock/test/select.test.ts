import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {deriveCids, planVsock} from '../src/index.js';
import {imitatedVsockDevice} from '@vmspawn/testing';

const foo = deriveCids('foo');
const randomSequence =
	(...cids: number[]) =>
	() =>
		cids.shift() ?? 77;

test('the first derived CID is taken when free (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice();
	t.deepEqual(await planVsock({mode: 'auto', name: 'foo'}, device), {enabled: true, cid: foo[0], cidSource: 'derived', derivedFrom: 'foo'});
	t.deepEqual(device.attempts, [foo[0]]);
	t.is(device.openFds.size, 0, 'the fd is closed again');
});

test('a taken derived CID moves on to the second one (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice({taken: [foo[0]!]});
	const section = await planVsock({mode: 'yes', name: 'foo'}, device);
	t.like(section, {enabled: true, cid: foo[1], cidSource: 'derived'});
	t.deepEqual(device.attempts, [foo[0], foo[1]]);
});

test('with all 64 derived CIDs taken a random one is used (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice({taken: [...foo, 1000]});
	const section = await planVsock({mode: 'auto', name: 'foo'}, device, randomSequence(1000, 1001));
	t.deepEqual(section, {enabled: true, cid: 1001, cidSource: 'random'});
	t.is(device.attempts.length, 66);
});

test('when every CID is taken the error is EADDRNOTAVAIL after 128 tries (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice({allTaken: true});
	const error = await t.throwsAsync(planVsock({mode: 'auto', name: 'foo'}, device), {instanceOf: CliError});
	t.is(error?.exitCode, 99);
	t.regex(error?.message ?? '', /64 CIDs derived from 'foo' and 64 random ones are all in use/);
	t.is(device.attempts.length, 128);
	t.is(device.openFds.size, 0);
});

test('an explicit CID is tried once and used (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice();
	t.deepEqual(await planVsock({mode: 'auto', cid: 4242}, device), {enabled: true, cid: 4242, cidSource: 'explicit'});
	t.deepEqual(device.attempts, [4242]);
});

test('an explicit CID that is taken is an error saying so (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice({taken: [4242]});
	const error = await t.throwsAsync(planVsock({mode: 'auto', cid: 4242, name: 'foo'}, device), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^CID 4242 is already in use by another VM/);
	t.is(error?.exitCode, 98);
	t.deepEqual(device.attempts, [4242], 'no other CID is tried');
});

test('an ioctl error other than EADDRINUSE stops at once (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice({setError: 'EPERM'});
	const error = await t.throwsAsync(planVsock({mode: 'auto', name: 'foo'}, device), {instanceOf: CliError});
	t.is(error?.message, `cannot give the guest CID ${foo[0]} on /dev/vhost-vsock: EPERM`);
	t.is(error?.exitCode, 1);
	t.deepEqual(device.attempts, [foo[0]]);
	t.is(device.openFds.size, 0);
});

test('without a machine name and without --vsock-cid there is nothing to derive from', async t => {
	await t.throwsAsync(planVsock({mode: 'auto'}, imitatedVsockDevice()), {message: /no machine name to derive the guest CID from: use -M NAME/});
});
