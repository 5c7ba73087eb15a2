import test from 'ava';
import {CredentialStore} from '@vmspawn/credentials';
import type {StreamListener} from '@vmspawn/host';
import {NOTIFY_CREDENTIAL, type RunOptions, completePlan} from '../src/index.js';
import {imitatedVsockDevice, fakeHost} from '@vmspawn/testing';
import {directBootOptions} from './helpers/options.js';

const options: RunOptions = {
	...directBootOptions,
	vsock: {mode: 'yes'},
	ssh: {pass: false, explicit: true, keyType: 'ed25519'},
};

// A listener that only has to say its port: nothing connects during planning.
function standInListener(port: number): StreamListener & {port: number; closed: boolean} {
	return {
		port,
		closed: false,
		accept: () => undefined,
		read: () => undefined,
		closeConnection() {},
		close() {
			this.closed = true;
		},
	};
}

test('with vsock the guest is told vmm.notify_socket=vsock-stream:2:PORT of the listener vmspawn-run holds (imitated vhost-vsock device)', async t => {
	const secrets = new CredentialStore();
	const listener = standInListener(123_456);
	const completed = await completePlan({version: '1.0'}, options, {
		env: process.env,
		secrets,
		host: fakeHost({vsockDevice: imitatedVsockDevice()}),
		vsockListen: async () => listener,
	});
	t.is(completed.notifyListener, listener);
	t.is(secrets.value(NOTIFY_CREDENTIAL)?.toString(), 'vsock-stream:2:123456');
	t.deepEqual(
		completed.plan.credentials?.entries.map(entry => entry.id),
		[NOTIFY_CREDENTIAL],
	);
	t.false(JSON.stringify(completed.plan).includes('123456'), 'the value stays out of the plan, like every credential');
});

test('without vsock nothing listens and the guest gets no notify socket', async t => {
	const secrets = new CredentialStore();
	const completed = await completePlan(
		{version: '1.0'},
		{...options, vsock: {mode: 'no'}},
		{
			env: process.env,
			host: fakeHost(),
			secrets,
			vsockListen: async () => {
				throw new Error('must not listen');
			},
		},
	);
	t.is(completed.notifyListener, undefined);
	t.false(secrets.has(NOTIFY_CREDENTIAL));
});

test('a vmm.notify_socket credential from the user wins, with a notice, and nothing listens (imitated vhost-vsock device)', async t => {
	const secrets = new CredentialStore();
	secrets.add(NOTIFY_CREDENTIAL, Buffer.from('vsock-stream:2:99'));
	const completed = await completePlan({version: '1.0'}, options, {
		env: process.env,
		secrets,
		host: fakeHost({vsockDevice: imitatedVsockDevice()}),
		vsockListen: async () => standInListener(1),
	});
	t.is(completed.notifyListener, undefined);
	t.is(secrets.value(NOTIFY_CREDENTIAL)?.toString(), 'vsock-stream:2:99');
	t.regex(completed.notices.join('\n'), /credential 'vmm\.notify_socket' is set by the user/);
});

test('a vsock socket that cannot listen is a warning: the exit status still has the virtio-serial port (imitated vhost-vsock device)', async t => {
	const secrets = new CredentialStore();
	const completed = await completePlan({version: '1.0'}, options, {
		env: process.env,
		secrets,
		host: fakeHost({vsockDevice: imitatedVsockDevice()}),
		vsockListen: async () => {
			throw new Error('socket() failed: EAFNOSUPPORT');
		},
	});
	t.is(completed.notifyListener, undefined);
	t.false(secrets.has(NOTIFY_CREDENTIAL));
	t.regex(completed.warnings.join('\n'), /cannot listen for the guest's notifications on vsock \(socket\(\) failed: EAFNOSUPPORT\)/);
});
