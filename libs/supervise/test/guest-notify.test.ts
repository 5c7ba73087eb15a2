import test from 'ava';
import {applyNotifyLines, parseNotifyLines} from '../src/index.js';

const notification = (text: string) => applyNotifyLines({ready: false}, parseNotifyLines(text));

test('the last EXIT_STATUS the guest sent counts, with READY and STATUS', t => {
	t.deepEqual(notification('READY=1\nSTATUS=booting=yes\nEXIT_STATUS=3\r\nEXIT_STATUS=42\n'), {ready: true, status: 'booting=yes', exitStatus: 42});
});

test('statuses outside 0..255 and garbage are ignored', t => {
	t.deepEqual(notification('EXIT_STATUS=256\nEXIT_STATUS=-1\nEXIT_STATUS=x\nnoise'), {ready: false});
});

test('nothing sent means nothing known', t => {
	t.deepEqual(notification(''), {ready: false});
});
