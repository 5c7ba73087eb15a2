import test from 'ava';
import {UsageError, parseArgs} from '@vmspawn/cli';
import {defaultRegisterMode, readRegisterMode, registerOptionDefs} from '../src/index.js';

const spec = {name: 'test', version: '0', summary: '', usage: [], options: registerOptionDefs};

function mode(argv: string[], env: NodeJS.ProcessEnv = {}) {
	return readRegisterMode(parseArgs(spec, argv), env);
}

test('without --register, everyone gets auto, as the newest systemd-vmspawn (v257+)', t => {
	t.is(defaultRegisterMode(), 'auto');
	t.is(mode([]), 'auto');
});

test('--register takes systemd booleans and auto, whoever runs it', t => {
	// An empty value is auto, as systemd's parse_tristate() (mkosi 25.3 passes "" for auto).
	for (const [value, expected] of [
		['yes', 'yes'],
		['no', 'no'],
		['auto', 'auto'],
		['AUTO', 'auto'],
		['', 'auto'],
		['1', 'yes'],
		['off', 'no'],
		['true', 'yes'],
		['n', 'no'],
	] as const) {
		t.is(mode([`--register=${value}`]), expected, value);
		t.is(mode(['--register', value]), expected, value);
	}
});

test('a bad --register value is refused like every other boolean option', t => {
	for (const value of ['maybe', '2', 'yes please']) {
		t.throws(() => mode([`--register=${value}`]), {
			instanceOf: UsageError,
			message: `invalid --register=${value}: expected a boolean (yes/no, true/false, on/off, 1/0) or auto`,
		});
	}
});

test('$VMSPAWN_REGISTER replaces the default, and --register still wins over it', t => {
	t.is(mode([], {VMSPAWN_REGISTER: 'no'}), 'no');
	t.is(mode([], {VMSPAWN_REGISTER: 'auto'}), 'auto');
	t.is(mode([], {VMSPAWN_REGISTER: ''}), 'auto', 'empty: as if unset');
	t.is(mode(['--register=yes'], {VMSPAWN_REGISTER: 'no'}), 'yes');
	t.is(mode(['--register=yes'], {VMSPAWN_REGISTER: 'garbage'}), 'yes', 'not even read when the option is given');
	t.throws(() => mode([], {VMSPAWN_REGISTER: 'maybe'}), {
		instanceOf: UsageError,
		message: 'invalid $VMSPAWN_REGISTER=maybe: expected a boolean (yes/no, true/false, on/off, 1/0) or auto',
	});
});
