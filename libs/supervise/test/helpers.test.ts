import {Writable} from 'node:stream';
import test from 'ava';
import {type StartedHelper, startHelpers, stopChildren} from '../src/helpers.js';
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

// A stand-in virtiofsd: says one line when it starts and complains when it is stopped, as the real one does in accept().
// The handler comes before the line, so a SIGTERM right after "listening" is always answered.
const complainsWhenStopped = [
	process.execPath,
	'-e',
	'process.on("SIGTERM", () => { console.error("vhost socket accept: Interrupted system call"); process.exit(1); }); console.error("listening"); setInterval(() => {}, 1000)',
];

test('a helper vmspawn-run stops is not heard from after the decision: its complaint does not reach the terminal', async t => {
	const {out, text} = collector();
	const relay = new StderrRelay(out);
	const started: StartedHelper[] = [];
	await startHelpers([{name: 'virtiofsd', argv: complainsWhenStopped}], started, relay);
	while (!text().includes('listening')) {
		await new Promise(resolve => setTimeout(resolve, 20));
	}

	await stopChildren(started);
	await relay.drained();
	t.is(text(), 'listening\n');
	t.deepEqual(await started[0]!.exited, {code: 1, signal: null}, 'the helper did say its line, and exited');
});

test('a helper that ended by itself is still heard to its last line', async t => {
	const {out, text} = collector();
	const relay = new StderrRelay(out);
	const started: StartedHelper[] = [];
	await startHelpers([{name: 'swtpm', argv: [process.execPath, '-e', 'console.error("swtpm: broken"); process.exit(3)']}], started, relay);
	await started[0]!.exited;
	await stopChildren(started);
	await relay.drained();
	t.is(text(), 'swtpm: broken\n');
});
