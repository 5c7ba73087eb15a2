import test from 'ava';
import {UsageError} from '@vmspawn/cli';
import {parseVsockCid} from '../src/index.js';

test('a decimal CID in 3..4294967294 is accepted', t => {
	t.is(parseVsockCid('3'), 3);
	t.is(parseVsockCid('4294967294'), 4_294_967_294);
	t.is(parseVsockCid('0042'), 42);
});

test('an empty value means pick one automatically', t => {
	t.is(parseVsockCid(''), undefined);
});

test('reserved CIDs are refused with the option and the range', t => {
	for (const value of ['0', '1', '2']) {
		t.throws(() => parseVsockCid(value), {instanceOf: UsageError, message: `invalid --vsock-cid=${value}: expected a CID from 3 to 4294967294`});
	}
});

test('the names hypervisor, local and host are understood, then refused as reserved', t => {
	t.throws(() => parseVsockCid('host'), {message: 'invalid --vsock-cid=host: expected a CID from 3 to 4294967294 (host is CID 2, which is reserved)'});
	t.throws(() => parseVsockCid('hypervisor'), {message: /hypervisor is CID 0/});
	t.throws(() => parseVsockCid('local'), {message: /local is CID 1/});
});

test('VMADDR_CID_ANY and larger numbers are out of range', t => {
	t.throws(() => parseVsockCid('4294967295'), {message: 'invalid --vsock-cid=4294967295: expected a CID from 3 to 4294967294 (4294967295 means any CID)'});
	t.throws(() => parseVsockCid('99999999999'), {message: 'invalid --vsock-cid=99999999999: expected a CID from 3 to 4294967294'});
});

test('anything but decimal digits is refused', t => {
	for (const value of ['-5', '0x10', '1e3', ' 7', 'auto', '3.5', 'constructor']) {
		t.throws(() => parseVsockCid(value), {instanceOf: UsageError, message: `invalid --vsock-cid=${value}: expected a CID from 3 to 4294967294`}, value);
	}
});
