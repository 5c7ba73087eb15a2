import test from 'ava';
import {terminalArgs} from '../src/index.js';

const terminal = {isTTY: true, columns: 120, rows: 40} as unknown as NodeJS.WriteStream;

test("the user's terminal is described for the guest's console device, hvc0 unless told", t => {
	t.deepEqual(terminalArgs(terminal, {TERM: 'xterm-256color'}), [
		'systemd.tty.term.hvc0=xterm-256color',
		'systemd.tty.columns.hvc0=120',
		'systemd.tty.rows.hvc0=40',
	]);
	t.deepEqual(terminalArgs(terminal, {TERM: 'vt220'}, 'ttyS0'), ['systemd.tty.term.ttyS0=vt220', 'systemd.tty.columns.ttyS0=120', 'systemd.tty.rows.ttyS0=40']);
	t.deepEqual(terminalArgs({isTTY: false} as unknown as NodeJS.WriteStream, {TERM: 'xterm'}), [], 'not a terminal: nothing');
});
