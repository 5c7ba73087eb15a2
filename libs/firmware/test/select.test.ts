import test from 'ava';
import {type Criteria, type RejectionCode, discoverDescriptors, featureFilter, selectFirmware} from '../src/index.js';
import {selectDirs} from './fixtures.js';

const {entries} = discoverDescriptors(selectDirs);

function criteria(overrides: Partial<Criteria> = {}): Criteria {
	return {arch: 'x86_64', machineType: 'q35', features: featureFilter(), ...overrides};
}

function selectedName(overrides: Partial<Criteria> = {}): string | undefined {
	return selectFirmware(entries, criteria(overrides)).selected?.name;
}

function codesOf(name: string, overrides: Partial<Criteria> = {}): RejectionCode[] {
	const verdict = selectFirmware(entries, criteria(overrides)).verdicts.find(verdict => verdict.entry.name === name);
	return verdict!.rejectedBecause.map(rejection => rejection.code);
}

test('auto takes the first descriptor that fits, in name order', t => {
	t.is(selectedName(), '50-secure.json');
});

test('secure boot yes requires the feature, no forbids it', t => {
	t.is(selectedName({features: featureFilter([], 'yes')}), '50-secure.json');
	t.is(selectedName({features: featureFilter([], 'no')}), '60-plain.json');
	t.deepEqual(codesOf('50-secure.json', {features: featureFilter([], 'no')}), ['secure-boot']);
	t.deepEqual(codesOf('60-plain.json', {features: featureFilter([], 'yes')}), ['secure-boot']);
});

test('firmware with enrolled keys is skipped by default, allowed after a reset', t => {
	t.deepEqual(codesOf('40-enrolled.json'), ['enrolled-keys']);
	t.is(selectedName({features: featureFilter([''])}), '40-enrolled.json');
});

test('broken descriptors are rejected with the problem', t => {
	const verdict = selectFirmware(entries, criteria()).verdicts[0]!;
	t.is(verdict.entry.name, '10-broken.json');
	t.deepEqual(
		verdict.rejectedBecause.map(rejection => rejection.code),
		['broken'],
	);
	t.regex(verdict.rejectedBecause[0]!.message, /^broken: not valid JSON/);
});

test('a descriptor for another architecture is rejected as such', t => {
	t.deepEqual(codesOf('20-aarch64.json'), ['architecture']);
	t.is(
		selectFirmware(entries, criteria()).verdicts.find(verdict => verdict.entry.name === '20-aarch64.json')!.rejectedBecause[0]!.message,
		'built for aarch64, not x86_64',
	);
	t.is(selectedName({arch: 'aarch64', machineType: 'virt'}), '20-aarch64.json');
});

test('a descriptor whose machine globs miss the machine type is rejected', t => {
	t.deepEqual(codesOf('25-i440fx.json'), ['machine-type']);
	t.is(selectedName({machineType: 'pc'}), '25-i440fx.json');
});

test('memory-mapped firmware is skipped with a reason', t => {
	t.deepEqual(codesOf('30-memory.json'), ['mapping']);
});

test('non-UEFI firmware is skipped', t => {
	t.deepEqual(codesOf('35-bios.json'), ['interface', 'mapping']);
});

test('a later fitting descriptor records which one came first', t => {
	const verdict = selectFirmware(entries, criteria({features: featureFilter(['~secure-boot'])})).verdicts.find(
		verdict => verdict.entry.name === '70-stateless.json',
	)!;
	t.deepEqual(verdict.rejectedBecause, [{code: 'superseded', message: 'fits too, but 60-plain.json comes first'}]);
});

test('every reason is kept, not only the first', t => {
	t.deepEqual(codesOf('40-enrolled.json', {arch: 'aarch64', machineType: 'virt', features: featureFilter(['amd-sev'])}), [
		'architecture',
		'feature',
		'enrolled-keys',
	]);
});

test('nothing selected when nothing fits', t => {
	t.is(selectedName({arch: 'riscv64', machineType: 'virt'}), undefined);
});
