import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {inspect} from 'node:util';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {realHost} from '@vmspawn/host';
import {findSshKeygen, generateKeyPair, writePrivateKey} from '../src/index.js';

const machine = {env: process.env, host: realHost};

const keygen = findSshKeygen(process.env, realHost) ? test.serial : test.skip;

/**
 * Points $TMPDIR at a directory of this test's own for its duration: other runs on the machine
 * make (and remove) their own keygen directories in /tmp meanwhile. The tests using it are serial.
 */
function privateTmpdir(t: {teardown(fn: () => void): void}): string {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-keygen-test-'));
	const shared = process.env['TMPDIR'];
	process.env['TMPDIR'] = directory;
	t.teardown(() => {
		if (shared === undefined) {
			delete process.env['TMPDIR'];
		} else {
			process.env['TMPDIR'] = shared;
		}

		rmSync(directory, {recursive: true, force: true});
	});
	return directory;
}

keygen('ssh-keygen makes the pair in memory and leaves no file behind', async t => {
	const directory = privateTmpdir(t);
	const keys = await generateKeyPair({type: 'ecdsa', comment: 'vmspawn-run@test', ...machine});
	t.regex(keys.publicKey, /^ecdsa-sha2-nistp256 \S+ vmspawn-run@test$/);
	t.regex(String(keys.privateKey()), /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
	t.deepEqual(readdirSync(directory), [], "ssh-keygen's directory was made here and removed");
});

keygen('an Ed25519 pair is made in-process, in the files ssh-keygen writes: ssh-keygen reads the private key back to the same public key', async t => {
	const directory = privateTmpdir(t);
	const keys = await generateKeyPair({type: 'ed25519', comment: 'vmspawn-run@test', ...machine});
	t.deepEqual(readdirSync(directory), [], 'no temporary directory');
	t.regex(keys.publicKey, /^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43} vmspawn-run@test$/);
	const file = join(directory, 'id_ed25519');
	writeFileSync(file, keys.privateKey(), {mode: 0o600});
	// OpenSSH 9 prints the comment kept in the private key file too (older ones print none).
	t.is(
		execFileSync(findSshKeygen(process.env, realHost)!, ['-y', '-f', file], {encoding: 'utf8'})
			.trim()
			.replace(/ vmspawn-run@test$/, ''),
		keys.publicKey.replace(/ vmspawn-run@test$/, ''),
	);
	t.regex(execFileSync(findSshKeygen(process.env, realHost)!, ['-l', '-f', file], {encoding: 'utf8'}), /^256 SHA256:\S+ vmspawn-run@test \(ED25519\)$/m);
	const lines = String(keys.privateKey()).split('\n');
	t.is(lines.at(-1), '', 'ends with a newline');
	t.true(
		lines.slice(1, -2).every((line, index, body) => line.length === 70 || index === body.length - 1),
		'base64 in lines of 70, as ssh-keygen writes',
	);
});

keygen('two Ed25519 pairs differ', async t => {
	const [one, two] = await Promise.all([
		generateKeyPair({type: 'ed25519', comment: 'c', ...machine}),
		generateKeyPair({type: 'ed25519', comment: 'c', ...machine}),
	]);
	t.not(one.publicKey, two.publicKey);
	t.false(one.privateKey().equals(two.privateKey()));
});

keygen('the private key shows neither in JSON nor in inspect output', async t => {
	const keys = await generateKeyPair({type: 'ed25519', comment: 'c', ...machine});
	const body = String(keys.privateKey()).split('\n')[1]!;
	t.false(JSON.stringify({keys}).includes(body));
	t.false(inspect({keys}, {depth: 5}).includes(body));
	keys.wipe();
	t.true(keys.privateKey().every(byte => byte === 0));
});

keygen('--ssh-key-type=rsa makes an RSA key', async t => {
	const keys = await generateKeyPair({type: 'rsa', comment: 'c', ...machine});
	t.regex(keys.publicKey, /^ssh-rsa /);
});

keygen('a type ssh-keygen does not know is one clear error', async t => {
	const directory = privateTmpdir(t);
	const error = await t.throwsAsync(generateKeyPair({type: 'nonsense', comment: 'c', ...machine}), {instanceOf: CliError});
	t.regex(error!.message, /^ssh-keygen -t nonsense exited with status \d+: .*unknown key type/i);
	t.deepEqual(readdirSync(directory), [], 'nothing is left when ssh-keygen fails either');
});

test('without ssh-keygen on $PATH the error says which package has it', async t => {
	await t.throwsAsync(generateKeyPair({type: 'ed25519', comment: 'c', env: {PATH: '/nonexistent'}, host: realHost}), {
		instanceOf: CliError,
		message: /openssh-client/,
	});
});

keygen('the private key is written 0600 into a 0700 directory of its own, never over an existing file', async t => {
	const runtime = mkdtempSync(join(tmpdir(), 'vmspawn-ssh-test-'));
	t.teardown(() => rmSync(runtime, {recursive: true, force: true}));
	const keys = await generateKeyPair({type: 'ed25519', comment: 'c', ...machine});
	const section = {
		keyType: 'ed25519',
		privateKey: join(runtime, 'ssh', 'id_ed25519'),
		publicKey: keys.publicKey,
		address: {transport: 'none' as const, reason: 'r'},
		command: [],
	};
	await writePrivateKey(keys, section);
	t.is(statSync(join(runtime, 'ssh')).mode & 0o777, 0o700);
	t.is(statSync(section.privateKey).mode & 0o777, 0o600);
	await t.throwsAsync(writePrivateKey(keys, section), {instanceOf: CliError, message: /cannot write the SSH key/});
});
