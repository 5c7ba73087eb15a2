import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {claimCid, deriveCids} from '../src/index.js';
import {imitatedVsockDevice} from '@vmspawn/testing';

const foo = deriveCids('foo');
const derived = {enabled: true, cid: foo[0]!, cidSource: 'derived', derivedFrom: 'foo'} as const;

test('a planned CID that is still free is claimed on an fd left open (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice();
	const claimed = await claimCid(device, derived);
	t.is(claimed?.section, derived);
	t.is(claimed?.notice, undefined);
	t.is(device.held.get(foo[0]!), claimed?.fd);
	t.true(device.openFds.has(claimed!.fd));
});

test('a derived CID taken since planning moves on to the next candidate and says so (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice({taken: [foo[0]!]});
	const claimed = await claimCid(device, derived);
	t.deepEqual(claimed?.section, {enabled: true, cid: foo[1], cidSource: 'derived', derivedFrom: 'foo'});
	t.is(claimed?.notice, `CID ${foo[0]} is now in use by another VM; using CID ${foo[1]} (derived) instead`);
});

test('a later derived candidate continues after it, not from the start (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice({taken: [foo[5]!]});
	const claimed = await claimCid(device, {...derived, cid: foo[5]!});
	t.is(claimed?.section.cid, foo[6]);
	t.deepEqual(device.attempts, [foo[5], foo[6]]);
});

test('an explicit CID taken since planning is an error and the fd is closed (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice({taken: [4242]});
	const error = await t.throwsAsync(claimCid(device, {enabled: true, cid: 4242, cidSource: 'explicit'}), {instanceOf: CliError});
	t.regex(error?.message ?? '', /^CID 4242 is already in use by another VM/);
	t.is(device.openFds.size, 0);
});

test('a random CID taken since planning is replaced by another random one (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice({taken: [500]});
	const claimed = await claimCid(device, {enabled: true, cid: 500, cidSource: 'random'}, () => 501);
	t.deepEqual(claimed?.section, {enabled: true, cid: 501, cidSource: 'random'});
});

test('a section with vsock off claims nothing (imitated vhost-vsock device)', async t => {
	const device = imitatedVsockDevice();
	t.is(await claimCid(device, {enabled: false, reason: 'disabled with --vsock=no'}), undefined);
	t.is(device.openFds.size, 0);
});

test('a device gone since planning is an error naming it (imitated vhost-vsock device)', async t => {
	await t.throwsAsync(claimCid(imitatedVsockDevice({openError: 'ENOENT'}), derived), {
		message: `the plan gives the guest vsock CID ${foo[0]}, but /dev/vhost-vsock does not exist (is the vhost_vsock module loaded?)`,
	});
});
