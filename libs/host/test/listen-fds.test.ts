import test from 'ava';
import {adoptListenFds, parseListenFds} from '../src/index.js';

const pid = 4321;

test('named fds from the service manager are found from fd 3 on', t => {
	t.deepEqual(parseListenFds({LISTEN_PID: '4321', LISTEN_FDS: '2', LISTEN_FDNAMES: 'vhost-vsock:kvm'}, pid), {kvm: 4, vhostVsock: 3, unknown: []});
});

test('fds meant for another process are not ours', t => {
	t.deepEqual(parseListenFds({LISTEN_PID: '1', LISTEN_FDS: '1', LISTEN_FDNAMES: 'kvm'}, pid), {unknown: []});
});

test('no LISTEN_PID means no fds were passed', t => {
	t.deepEqual(parseListenFds({LISTEN_FDS: '1', LISTEN_FDNAMES: 'kvm'}, pid), {unknown: []});
	t.deepEqual(parseListenFds({}, pid), {unknown: []});
});

test('other names, duplicates and missing names are reported as unknown', t => {
	t.deepEqual(parseListenFds({LISTEN_PID: '4321', LISTEN_FDS: '4', LISTEN_FDNAMES: 'kvm:journal:kvm'}, pid), {
		kvm: 3,
		unknown: [
			{fd: 4, name: 'journal'},
			{fd: 5, name: 'kvm'},
			{fd: 6, name: 'unknown'},
		],
	});
});

test('fds without LISTEN_FDNAMES are all unknown', t => {
	t.deepEqual(parseListenFds({LISTEN_PID: '4321', LISTEN_FDS: '1'}, pid), {unknown: [{fd: 3, name: 'unknown'}]});
});

test('a malformed LISTEN_FDS means no fds', t => {
	t.deepEqual(parseListenFds({LISTEN_PID: '4321', LISTEN_FDS: 'two', LISTEN_FDNAMES: 'kvm'}, pid), {unknown: []});
});

test('LISTEN_FDS=0 passes nothing', t => {
	t.deepEqual(parseListenFds({LISTEN_PID: '4321', LISTEN_FDS: '0', LISTEN_FDNAMES: ''}, pid), {unknown: []});
});

test("adoptListenFds keeps kvm and vhost-vsock and closes every other fd with upstream's warning", t => {
	const closed: number[] = [];
	const adopted = adoptListenFds({LISTEN_PID: '4321', LISTEN_FDS: '4', LISTEN_FDNAMES: 'kvm:journal:vhost-vsock:kvm'}, fd => closed.push(fd), 4321);
	t.deepEqual(adopted, {
		kvm: 3,
		vhostVsock: 5,
		warnings: ["Couldn't recognize passed fd 4 (journal), closing fd and ignoring...", "Couldn't recognize passed fd 6 (kvm), closing fd and ignoring..."],
	});
	t.deepEqual(closed, [4, 6]);
});

test('adoptListenFds closes nothing when the fds were meant for another process', t => {
	const closed: number[] = [];
	t.deepEqual(
		adoptListenFds({LISTEN_PID: '1', LISTEN_FDS: '2', LISTEN_FDNAMES: 'a:b'}, fd => closed.push(fd), 4321),
		{warnings: []},
	);
	t.deepEqual(closed, []);
});
