import test from 'ava';
import {globMatches, machineTypeNames, machinesInclude} from '../src/index.js';

test('* and ? match like fnmatch', t => {
	t.true(globMatches('pc-q35-*', 'pc-q35-8.2'));
	t.true(globMatches('pc-q35-?.?', 'pc-q35-8.2'));
	t.false(globMatches('pc-q35-?.?', 'pc-q35-10.0'));
	t.false(globMatches('pc-q35-*', 'pc-i440fx-8.2'));
	t.true(globMatches('*', ''));
});

test('sets, ranges, negation and quoting', t => {
	t.true(globMatches('pc-q35-[5-9].*', 'pc-q35-7.1'));
	t.false(globMatches('pc-q35-[!5-9].*', 'pc-q35-7.1'));
	t.true(globMatches('virt-[^0-4]*', 'virt-9.0'));
	t.true(globMatches('a\\*b', 'a*b'));
	t.false(globMatches('a\\*b', 'axb'));
	t.true(globMatches('[]]', ']'));
});

test('regular expression characters are literal', t => {
	t.true(globMatches('s390-ccw-virtio(+)', 's390-ccw-virtio(+)'));
	t.false(globMatches('pc.q35', 'pcXq35'));
	t.true(globMatches('[a', '[a'), 'an unclosed set matches itself');
});

test('the q35 alias matches the pc-q35-* family', t => {
	t.deepEqual(machineTypeNames('q35'), ['q35', 'pc-q35-*']);
	t.true(machinesInclude(['pc-q35-*'], 'q35'));
	t.true(machinesInclude(['pc-i440fx-*', 'pc-q35-*'], 'q35'));
	t.false(machinesInclude(['pc-i440fx-*'], 'q35'));
	t.true(machinesInclude(['pc-i440fx-*'], 'pc'));
});

test('unversioned virt matches virt-*, a versioned type matches itself only', t => {
	t.true(machinesInclude(['virt-*'], 'virt'));
	t.true(machinesInclude(['pc-q35-*'], 'pc-q35-8.2'));
	t.false(machinesInclude(['pc-q35-8.*'], 'pc-q35-9.0'));
});

test('a narrower glob does not claim the unversioned alias', t => {
	t.false(machinesInclude(['pc-q35-[1-5].*'], 'q35'));
	t.true(machinesInclude(['*'], 'q35'));
});
