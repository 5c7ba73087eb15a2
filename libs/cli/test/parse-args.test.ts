import test from 'ava';
import {type ToolSpec, UsageError, listValue, parseArgs, renderHelp, standardOutput, stringValue, switchValue} from '../src/index.js';

const spec: ToolSpec = {
	name: 'vmspawn-example',
	version: '1.2.3',
	summary: 'An example tool.',
	usage: ['[OPTIONS...] [ARGS...]'],
	stopAtFirstPositional: true,
	options: [
		{name: 'ram', kind: 'value', valueName: 'BYTES', description: 'Memory', defaultText: '2G'},
		{name: 'initrd', kind: 'value', multiple: true, valueName: 'PATH', description: 'Initrd'},
		{name: 'machine', short: 'M', kind: 'value', valueName: 'NAME', description: 'Name'},
		{name: 'dry-run', kind: 'switch', description: 'Print only'},
		{name: 'console', kind: 'value', description: 'Console', choices: ['interactive', 'read-only']},
	],
};

test('values, repeated options and switches', t => {
	const args = parseArgs(spec, ['--ram', '1G', '--initrd=a', '--initrd', 'b', '--dry-run', '-qM', 'vm1']);
	t.is(stringValue(args, 'ram'), '1G');
	t.deepEqual(listValue(args, 'initrd'), ['a', 'b']);
	t.true(switchValue(args, 'dry-run'));
	t.true(switchValue(args, 'quiet'));
	t.is(stringValue(args, 'machine'), 'vm1');
	t.false(switchValue(args, 'no-pager'));
});

test('a repeated single-value option keeps the last value, as getopt does', t => {
	t.is(stringValue(parseArgs(spec, ['--ram=1G', '--ram=3G']), 'ram'), '3G');
});

test('option parsing stops at the first positional argument', t => {
	const args = parseArgs(spec, ['--ram=1G', 'quiet', '--ram=9G', '-q']);
	t.deepEqual(args.positional, ['quiet', '--ram=9G', '-q']);
	t.is(stringValue(args, 'ram'), '1G');
	t.false(switchValue(args, 'quiet'));
});

test('-- ends the options', t => {
	t.deepEqual(parseArgs(spec, ['--', '--ram=1G']).positional, ['--ram=1G']);
});

test('--no-pager is a switch of its own', t => {
	t.true(switchValue(parseArgs(spec, ['--no-pager']), 'no-pager'));
});

test('an unknown option is a usage error naming it', t => {
	t.throws(() => parseArgs(spec, ['--bogus=1']), {instanceOf: UsageError, message: 'unknown option --bogus'});
	t.throws(() => parseArgs(spec, ['-Z']), {instanceOf: UsageError, message: 'unknown option -Z'});
});

test('help lists every option, with defaults and choices, and wins over --version', t => {
	const help = standardOutput(spec, parseArgs(spec, ['--version', '--help']))!;
	t.is(help, renderHelp(spec));
	for (const name of ['--ram=BYTES', '--initrd=PATH', '-M, --machine=NAME', '--dry-run', '-q, --quiet', '--no-pager', '-h, --help', '--version']) {
		t.true(help.includes(name), name);
	}

	t.true(help.includes('[default: 2G]'));
	t.true(help.includes('(interactive, read-only)'));
});

test('--version prints name and version', t => {
	t.is(standardOutput(spec, parseArgs(spec, ['--version'])), 'vmspawn-example 1.2.3\n');
});

test('an empty value is kept, so it can reset an option', t => {
	t.is(stringValue(parseArgs(spec, ['--ram=']), 'ram'), '');
	t.is(stringValue(parseArgs(spec, ['--ram=', '--dry-run']), 'ram'), '');
});

test('an unknown option that starts with no- is named as given', t => {
	t.throws(() => parseArgs(spec, ['--no-such-option=1']), {instanceOf: UsageError, message: 'unknown option --no-such-option'});
	t.throws(() => parseArgs(spec, ['-qZ']), {instanceOf: UsageError, message: 'unknown option -Z'});
});

test('a value that looks like an option is a value, not an unknown option', t => {
	t.is(stringValue(parseArgs(spec, ['--machine', '--weird']), 'machine'), '--weird');
	t.is(stringValue(parseArgs(spec, ['-M', '-x']), 'machine'), '-x');
});

test('value options are also kept in command-line order, up to the first positional argument', t => {
	const args = parseArgs(spec, ['--initrd=a', '-M', 'vm', '--ram', '1G', '--initrd=b', 'quiet', '--initrd=c']);
	t.deepEqual(args.ordered, [
		{name: 'initrd', value: 'a'},
		{name: 'machine', value: 'vm'},
		{name: 'ram', value: '1G'},
		{name: 'initrd', value: 'b'},
	]);
});

test('a value option as the last word is a usage error naming it, as with getopt', t => {
	t.throws(() => parseArgs(spec, ['--ram']), {instanceOf: UsageError, message: 'option --ram requires a value'});
	t.throws(() => parseArgs(spec, ['--dry-run', '-M']), {instanceOf: UsageError, message: 'option -M requires a value'});
	t.throws(() => parseArgs(spec, ['-qM']), {instanceOf: UsageError, message: 'option -M requires a value'});
});

test('an empty separate word is the value of the option before it (`--kvm ""` means auto)', t => {
	t.is(stringValue(parseArgs(spec, ['--ram', '']), 'ram'), '');
	t.is(stringValue(parseArgs(spec, ['-M', '', '--dry-run']), 'machine'), '');
	t.is(stringValue(parseArgs(spec, ['--ram', '', 'positional']), 'ram'), '');
});
