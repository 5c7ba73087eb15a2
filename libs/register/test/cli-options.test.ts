import test from 'ava';
import {UsageError, parseArgs} from '@vmspawn/cli';
import {defaultRegisterMode, readRegisterMode, registerOptionDefs} from '../src/index.js';

const spec = {name: 'test', version: '0', summary: '', usage: [], options: registerOptionDefs};

function mode(argv: string[], uid: number | undefined, env: NodeJS.ProcessEnv = {}) {
	return readRegisterMode(parseArgs(spec, argv), env, uid);
}

test('without --register, root registers and other users do not, as systemd-vmspawn v256', t => {
	t.is(defaultRegisterMode(0), 'yes');
	t.is(defaultRegisterMode(1000), 'no');
	t.is(defaultRegisterMode(undefined), 'no');
	t.is(mode([], 0), 'yes');
	t.is(mode([], 1000), 'no');
});

test('--register takes systemd booleans and auto, whoever runs it', t => {
	// An empty value is auto, as systemd's parse_tristate() (mkosi 25.3 passes "" for auto).
	for (const [value, expected] of [['yes', 'yes'], ['no', 'no'], ['auto', 'auto'], ['AUTO', 'auto'], ['', 'auto'], ['1', 'yes'], ['off', 'no'], ['true', 'yes'], ['n', 'no']] as const) {
		t.is(mode([`--register=${value}`], 0), expected, value);
		t.is(mode(['--register', value], 1000), expected, value);
	}
});

test('a bad --register value is refused like every other boolean option', t => {
	for (const value of ['maybe', '2', 'yes please']) {
		t.throws(() => mode([`--register=${value}`], 0), {instanceOf: UsageError, message: `invalid --register=${value}: expected a boolean (yes/no, true/false, on/off, 1/0) or auto`});
	}
});

test('$VMSPAWN_REGISTER replaces the default, and --register still wins over it', t => {
	t.is(mode([], 0, {VMSPAWN_REGISTER: 'no'}), 'no');
	t.is(mode([], 1000, {VMSPAWN_REGISTER: 'auto'}), 'auto');
	t.is(mode([], 0, {VMSPAWN_REGISTER: ''}), 'yes', 'empty: as if unset');
	t.is(mode(['--register=yes'], 0, {VMSPAWN_REGISTER: 'no'}), 'yes');
	t.is(mode(['--register=yes'], 0, {VMSPAWN_REGISTER: 'garbage'}), 'yes', 'not even read when the option is given');
	t.throws(() => mode([], 0, {VMSPAWN_REGISTER: 'maybe'}), {instanceOf: UsageError, message: 'invalid $VMSPAWN_REGISTER=maybe: expected a boolean (yes/no, true/false, on/off, 1/0) or auto'});
});
