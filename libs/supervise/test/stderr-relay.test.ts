import {PassThrough, Writable} from 'node:stream';
import test from 'ava';
import {StderrRelay} from '../src/stderr-relay.js';

function collector(): {out: Writable; text: () => string} {
	let text = '';
	const out = new Writable({
		write(chunk: Buffer, _encoding, done) {
			text += chunk.toString();
			done();
		},
	});
	return {out, text: () => text};
}

test("children's stderr is passed on whole lines at a time, so lines of two writers never mix", async t => {
	const {out, text} = collector();
	const relay = new StderrRelay(out);
	const qemu = new PassThrough();
	const swtpm = new PassThrough();
	relay.attach(qemu);
	relay.attach(swtpm);
	// qemu writes an error's prefix and its text separately; another writer comes in between.
	qemu.write('qemu-system-x86_64:');
	swtpm.write('swtpm: one line\n');
	qemu.end(' tpm-emulator: broken pipe\n');
	swtpm.end();
	await relay.drained();
	t.is(text(), 'swtpm: one line\nqemu-system-x86_64: tpm-emulator: broken pipe\n');
});

test("a last line without a newline gets one, and virtiofsd's hang-up notice is dropped", async t => {
	const {out, text} = collector();
	const relay = new StderrRelay(out);
	const virtiofsd = new PassThrough();
	relay.attach(virtiofsd);
	virtiofsd.end('virtio_loop: Unexpected poll revents 11\nreal trouble');
	await relay.drained();
	t.is(text(), 'real trouble\n');
});

test('a silenced child is read to its end but no longer relayed, while the others still are', async t => {
	const {out, text} = collector();
	const relay = new StderrRelay(out);
	const qemu = new PassThrough();
	const virtiofsd = new PassThrough();
	relay.attach(qemu);
	const relayed = relay.attach(virtiofsd);
	virtiofsd.write('before the stop\nhalf a li');
	await new Promise(resolve => setImmediate(resolve));
	relayed.silence();
	virtiofsd.end('ne\nvhost socket accept: Interrupted system call\n');
	qemu.end('qemu-system-x86_64: still heard\n');
	await relay.drained();
	t.is(text(), 'before the stop\nqemu-system-x86_64: still heard\n');
});
