import test from 'ava';
import {UsageError, parseArgs} from '@vmspawn/cli';
import {checkKeyType, readSshOptions, sshOptionDefs} from '../src/index.js';

test("--ssh-key-type takes ssh-keygen's type names", t => {
	for (const type of ['ed25519', 'rsa', 'ecdsa', 'ecdsa-sk', 'ed25519-sk']) {
		t.is(checkKeyType(type), type);
	}
});

test('--ssh-key-type refuses what is not a safe string, as upstream', t => {
	for (const type of ['ed"25519', "rsa'", 'a\\b', 'x\ny', 'tab\there', '../x']) {
		t.throws(() => checkKeyType(type), {instanceOf: UsageError, message: /^invalid value for --ssh-key-type=: /});
	}
});

function options(argv: string[]) {
	return readSshOptions(parseArgs({name: 't', version: '0', summary: '', usage: [], options: [...sshOptionDefs]}, argv));
}

test('--pass-ssh-key defaults to yes with an ed25519 key; an explicit yes is remembered', t => {
	t.deepEqual(options([]), {pass: true, explicit: false, keyType: 'ed25519'});
	t.deepEqual(options(['--pass-ssh-key=no']), {pass: false, explicit: true, keyType: 'ed25519'});
	t.deepEqual(options(['--pass-ssh-key=YES', '--ssh-key-type=rsa']), {pass: true, explicit: true, keyType: 'rsa'});
});

test('--pass-ssh-key takes systemd booleans only', t => {
	t.throws(() => options(['--pass-ssh-key=maybe']), {instanceOf: UsageError, message: /--pass-ssh-key/});
});
