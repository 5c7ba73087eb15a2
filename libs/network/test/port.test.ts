import test from 'ava';
import {CliError, UsageError} from '@vmspawn/cli';
import {parsePortForward, parsePortForwards} from '../src/index.js';

test('a bare port forwards the same tcp port on loopback', t => {
	t.deepEqual(parsePortForward('8080'), {protocol: 'tcp', hostAddress: '127.0.0.1', hostPort: 8080, guestPort: 8080});
});

test('HOST:GUEST forwards a host port to another guest port', t => {
	t.deepEqual(parsePortForward('2222:22'), {protocol: 'tcp', hostAddress: '127.0.0.1', hostPort: 2222, guestPort: 22});
});

test('a tcp: or udp: prefix picks the protocol', t => {
	t.is(parsePortForward('udp:5353:53').protocol, 'udp');
	t.deepEqual(parsePortForward('udp:53'), {protocol: 'udp', hostAddress: '127.0.0.1', hostPort: 53, guestPort: 53});
	t.is(parsePortForward('tcp:80').protocol, 'tcp');
});

test('ports outside 1..65535 are refused', t => {
	for (const value of ['0', '65536', '22:0', 'tcp:70000:22']) {
		t.throws(() => parsePortForward(value), {instanceOf: UsageError, message: /out of range 1\.\.65535/}, value);
	}
});

test('non-numbers and extra fields are refused naming the option', t => {
	for (const value of ['', 'ssh', '22:', ':22', '1:2:3', '127.0.0.1:80:80', ' 22', '+22', '0x16']) {
		t.throws(
			() => parsePortForward(value),
			{instanceOf: UsageError, message: new RegExp(`^invalid --port=${value.replace(/[.+]/g, '\\$&')}: `)},
			JSON.stringify(value),
		);
	}
});

test('an address in the option is refused with a pointer to the plan', t => {
	t.throws(() => parsePortForward('0.0.0.0:8080:80'), {message: /takes no address: forwards listen on 127\.0\.0\.1/});
});

test('an unknown or upper-case protocol is named as such', t => {
	t.throws(() => parsePortForward('sctp:80'), {message: "invalid --port=sctp:80: unknown protocol 'sctp' (tcp or udp)"});
	t.throws(() => parsePortForward('TCP:80'), {message: /unknown protocol 'TCP'/});
});

test('the same protocol and host port twice is refused with EEXIST', t => {
	const error = t.throws(() => parsePortForwards(['2222:22', 'tcp:2222:23']), {instanceOf: CliError});
	t.is(error?.exitCode, 17);
	t.is(error?.message, 'duplicate --port=tcp:2222:23: tcp host port 2222 is already forwarded');
});

test('one host port may be forwarded for tcp and for udp', t => {
	t.is(parsePortForwards(['53', 'udp:53']).length, 2);
});
