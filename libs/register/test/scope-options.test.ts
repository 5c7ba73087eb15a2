import test from 'ava';
import {UsageError, parseArgs} from '@vmspawn/cli';
import {readScopeOptions, scopeOptionDefs} from '../src/index.js';

const spec = {name: 'test', version: '0', summary: '', usage: [], options: scopeOptionDefs};
const read = (argv: string[], env: NodeJS.ProcessEnv = {}) => readScopeOptions(parseArgs(spec, argv), env);

test('without options: a scope in machine.slice, the manager chosen by who runs', t => {
	t.deepEqual(read([]), {keepUnit: false, properties: []});
});

test('--slice=, -S, --property= (repeated, in order), --user and --keep-unit are read', t => {
	t.deepEqual(read(['--slice=vms.slice', '--property=MemoryMax=2G', '--property=CPUQuota=50%', '--user']), {
		keepUnit: false,
		slice: 'vms.slice',
		properties: [
			['MemoryMax', 't', 2n * 1024n ** 3n],
			['CPUQuotaPerSecUSec', 't', 500_000n],
		],
		runtimeScope: 'user',
	});
	t.is(read(['-S', 'a-b.slice']).slice, 'a-b.slice');
	t.deepEqual(read(['--keep-unit', '--system']), {keepUnit: true, properties: [], runtimeScope: 'system'});
	t.deepEqual(read(['--slice=']), {keepUnit: false, properties: []}, 'empty resets');
});

for (const [argv, message] of [
	[['--slice=machine'], /^invalid --slice=machine: expected a slice unit name/],
	[['--slice=../x.slice'], /^invalid --slice=..\/x.slice: /],
	[['--property=Nonsense=1'], /^invalid --property=Nonsense=1: expected NAME=VALUE with NAME one of /],
	[['--property=MemoryMax'], /^invalid --property=MemoryMax: expected NAME=VALUE/],
	[['--property=Delegate=perhaps'], /^invalid --property=Delegate=perhaps: expected a boolean$/],
	[['--property=CPUWeight=0'], /^invalid --property=CPUWeight=0: expected a number from 1 to 10000$/],
	[['--property=Description=a\nb'], /^invalid --property=Description=a\nb: expected a non-empty line of text$/],
	[['--property=__proto__=1'], /^invalid --property=__proto__=1: expected NAME=VALUE/],
	[['--keep-unit', '--property=TasksMax=10'], /^--keep-unit cannot be used with --slice= or --property=/],
	[['--system', '--user'], /^--system and --user cannot be used together$/],
] as const) {
	test(`${JSON.stringify(argv)} is refused in one line`, t => {
		t.throws(() => read([...argv]), {instanceOf: UsageError, message});
	});
}

test('each property takes the values systemd does, in its D-Bus form', t => {
	const one = (assignment: string) => read([`--property=${assignment}`]).properties[0];
	t.deepEqual(one('TasksMax=infinity'), ['TasksMax', 't', (1n << 64n) - 1n]);
	t.deepEqual(one('Delegate=yes'), ['Delegate', 'b', true]);
	t.deepEqual(one('RuntimeMaxSec=30'), ['RuntimeMaxUSec', 't', 30_000_000n]);
	t.deepEqual(one('CollectMode=inactive'), ['CollectMode', 's', 'inactive']);
	t.deepEqual(one('Description=web=1'), ['Description', 's', 'web=1'], 'only the first = splits');
});

test('$VMSPAWN_KEEP_UNIT is the default of --keep-unit; --slice=/--property= override it; a bad value is refused', t => {
	t.true(read([], {VMSPAWN_KEEP_UNIT: 'yes'}).keepUnit);
	t.false(read([], {VMSPAWN_KEEP_UNIT: '0'}).keepUnit);
	t.false(read([], {VMSPAWN_KEEP_UNIT: ''}).keepUnit);
	t.deepEqual(read(['--slice=vms.slice'], {VMSPAWN_KEEP_UNIT: 'yes'}), {keepUnit: false, slice: 'vms.slice', properties: []});
	t.throws(() => read([], {VMSPAWN_KEEP_UNIT: 'perhaps'}), {
		instanceOf: UsageError,
		message: 'invalid $VMSPAWN_KEEP_UNIT=perhaps: expected a boolean (yes/no, true/false, on/off, 1/0)',
	});
});
