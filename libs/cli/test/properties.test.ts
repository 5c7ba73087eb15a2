import test from 'ava';
import fc from 'fast-check';
import {PlanError, parsePlan} from '@vmspawn/plan';
import {CliError, type ToolSpec, UsageError, describeFailure, parseArgs, parseBoolean, parseSize, parseTristate} from '../src/index.js';

// Every input ends in a value or our own error with a one-line message: never an uncaught exception.
const runs = Number(process.env['PROPERTY_RUNS'] ?? 2000);

function refusedCleanly(run: () => unknown, kinds: Array<new (...args: never[]) => Error>): boolean {
	try {
		run();
		return true;
	} catch (error) {
		const {message} = describeFailure(error);
		return kinds.some(kind => error instanceof kind) && message.length > 0 && !message.includes('\n');
	}
}

const spec: ToolSpec = {
	name: 'prop',
	version: '1',
	summary: '',
	usage: [],
	stopAtFirstPositional: true,
	options: [
		{name: 'ram', kind: 'value', description: ''},
		{name: 'initrd', kind: 'value', multiple: true, description: ''},
		{name: 'machine', short: 'M', kind: 'value', description: ''},
		{name: 'dry-run', kind: 'switch', description: ''},
	],
};

test('sizes: any string is a size or a usage error', t => {
	fc.assert(
		fc.property(fc.string(), text => refusedCleanly(() => parseSize('ram', text), [UsageError])),
		{numRuns: runs},
	);
	t.log(`${runs} cases`);
	t.pass();
});

test('sizes: a number with a suffix is that many bytes', t => {
	const suffixes = {'': 1n, B: 1n, K: 1024n, M: 1024n ** 2n, G: 1024n ** 3n, T: 1024n ** 4n} as const;
	fc.assert(
		fc.property(
			fc.nat({max: 100_000}),
			fc.constantFrom(...(Object.keys(suffixes) as Array<keyof typeof suffixes>)),
			(count, suffix) => parseSize('ram', `${count}${suffix}`) === BigInt(count) * suffixes[suffix],
		),
		{numRuns: runs},
	);
	t.pass();
});

test('booleans and tristates: any string is a value or a usage error naming the option', t => {
	fc.assert(
		fc.property(
			fc.string(),
			text => refusedCleanly(() => parseBoolean('register', text), [UsageError]) && refusedCleanly(() => parseTristate('kvm', text), [UsageError]),
		),
		{numRuns: runs},
	);
	t.log(`${2 * runs} cases`);
	t.pass();
});

test('command lines: any argv parses or is a usage error', t => {
	const token = fc.oneof(fc.string(), fc.constantFrom('--ram', '--ram=', '-M', '-qM', '--initrd', '--', '--dry-run=no', '--no-such', '-', '--'));
	fc.assert(
		fc.property(fc.array(token, {maxLength: 8}), argv => refusedCleanly(() => parseArgs(spec, argv), [UsageError, CliError])),
		{numRuns: runs},
	);
	t.log(`${runs} cases`);
	t.pass();
});

test('command lines: a value option as the last word is always a one-line usage error naming it', t => {
	// Words that leave option parsing on and take no next word: switches and attached values.
	const word = fc.oneof(
		fc.constantFrom('--dry-run', '-q', '--machine=', '-Mvm'),
		fc.string().map(value => `--ram=${value}`),
		fc.string().map(value => `--initrd=${value}`),
	);
	const last = fc.constantFrom('--ram', '--initrd', '--machine', '-M', '-qM');
	fc.assert(
		fc.property(fc.array(word, {maxLength: 6}), last, (argv, option) => {
			try {
				parseArgs(spec, [...argv, option]);
			} catch (error) {
				return error instanceof UsageError && error.message === `option ${option.replace(/^-q/, '-')} requires a value`;
			}

			return false;
		}),
		{numRuns: runs},
	);
	t.pass();
});

test('plans on stdin: random text, JSON of any shape and truncated plans are a plan or a plan error', t => {
	const valid = '{"version":"1.0","machine":{"name":"vm","arch":"x86_64","type":"q35","cpus":"1","ramMiB":512,"accelerator":"tcg"},"runtime":{"dir":"/run/x"}}';
	const input = fc.oneof(
		fc.string(),
		fc.json(),
		fc.nat({max: valid.length}).map(length => valid.slice(0, length)),
		fc
			.record({version: fc.oneof(fc.constant('1.0'), fc.constant('2.0'), fc.string()), machine: fc.anything(), tpm: fc.anything(), fs: fc.anything()})
			.map(value => JSON.stringify(value)),
	);
	fc.assert(
		fc.property(input, text => refusedCleanly(() => parsePlan(text), [PlanError])),
		{numRuns: runs},
	);
	t.log(`${runs} cases`);
	t.pass();
});

test('a huge plan is read or refused without trouble', t => {
	const large = JSON.stringify({version: '1.0', padding: 'x'.repeat(15 * 1024 * 1024)});
	t.notThrows(() => parsePlan(large));
	t.throws(() => parsePlan(`${large.slice(0, -1)}`), {instanceOf: PlanError});
	const huge = JSON.stringify({version: '1.0', padding: 'x'.repeat(20 * 1024 * 1024)});
	t.throws(() => parsePlan(huge), {instanceOf: PlanError, message: 'plan: larger than 16 MiB'});
});

test('plans on stdin: nesting of any depth, in any section, is a plan or a one-line plan error', t => {
	const opener = fc.constantFrom('[', '{"a":');
	const nested = fc
		.tuple(fc.array(opener, {minLength: 1, maxLength: 300}), fc.constantFrom('machine', 'fs', 'extra'), fc.boolean())
		.map(([openers, section, closed]) => {
			const closers = openers
				.map(open => (open === '[' ? ']' : '}'))
				.reverse()
				.join('');
			return `{"version":"1.0","${section}":${openers.join('')}1${closed ? closers : ''}}`;
		});
	fc.assert(
		fc.property(nested, text => refusedCleanly(() => parsePlan(text), [PlanError])),
		{numRuns: runs / 4},
	);
	t.throws(() => parsePlan(`{"version":"1.0","x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`), {
		instanceOf: PlanError,
		message: 'plan: nested deeper than 64 levels',
	});
	t.pass();
});
