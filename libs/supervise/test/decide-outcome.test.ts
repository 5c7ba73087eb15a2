import test from 'ava';
import {type RunFacts, type RunVmResult, decideOutcome} from '../src/decide-outcome.js';

const qemuExit = (code: number | null, signal: NodeJS.Signals | null = null) => ({by: 'qemu', code, signal}) as const;

// Each row: what the run observed, and what vmspawn-run then exits with and says.
const table: ReadonlyArray<[string, RunFacts, RunVmResult]> = [
	['a clean power-off is 0', {end: qemuExit(0)}, {exitCode: 0}],
	['qemu failing is 125', {end: qemuExit(3)}, {exitCode: 125, message: 'qemu exited with status 3'}],
	['qemu killed by a signal is 128 + the signal', {end: qemuExit(null, 'SIGKILL')}, {exitCode: 137, message: 'qemu was killed by signal SIGKILL'}],
	[
		"the guest's EXIT_STATUS after a clean power-off is ours",
		{end: qemuExit(0), guestExitStatus: 42},
		{exitCode: 42, message: 'the guest reported exit status 42'},
	],
	['an EXIT_STATUS of 0 is a plain 0', {end: qemuExit(0), guestExitStatus: 0}, {exitCode: 0}],
	[
		"a panic wins over qemu's clean exit and the EXIT_STATUS",
		{end: qemuExit(0), panicked: true, guestExitStatus: 3},
		{exitCode: 123, message: "the guest's kernel panicked"},
	],
	['the console escape is 0 although qemu was killed', {end: qemuExit(null, 'SIGKILL'), escaped: true}, {exitCode: 0}],
	['a guest that powered off when asked after SIGTERM is 0', {end: qemuExit(0), interruptedBy: 'SIGTERM'}, {exitCode: 0}],
	[
		'a guest that powered off when asked still passes on its EXIT_STATUS',
		{end: qemuExit(0), interruptedBy: 'SIGINT', guestExitStatus: 5},
		{exitCode: 5, message: 'the guest reported exit status 5'},
	],
	[
		'qemu killed after a second SIGTERM is 143, without a message',
		{end: qemuExit(null, 'SIGKILL'), interruptedBy: 'SIGTERM', killedAfterSignal: true},
		{exitCode: 143},
	],
	['qemu failing after SIGINT is 130', {end: qemuExit(1), interruptedBy: 'SIGINT'}, {exitCode: 130}],
	['a signal before qemu ran is 128 + the signal', {end: {by: 'signal-before-launch', signal: 'SIGTERM'}, interruptedBy: 'SIGTERM'}, {exitCode: 143}],
	[
		'a helper that failed to start is 126',
		{end: {by: 'helper-start', failure: 'swtpm (/usr/bin/swtpm) exited before creating its socket'}},
		{exitCode: 126, message: 'helper swtpm (/usr/bin/swtpm) exited before creating its socket'},
	],
	[
		'qemu that could not be started is 125',
		{end: {by: 'qemu-start', program: '/nonexistent/qemu', reason: 'spawn ENOENT'}},
		{exitCode: 125, message: 'cannot start /nonexistent/qemu: spawn ENOENT'},
	],
	[
		'a helper dying while the guest runs is 126',
		{end: {by: 'helper', helper: 'virtiofsd', code: 7, signal: null}},
		{exitCode: 126, message: 'virtiofsd exited with status 7 while the guest was running; stopping the VM'},
	],
	[
		'a helper killed while the guest runs is 126, whatever else was seen',
		{end: {by: 'helper', helper: 'swtpm', code: null, signal: 'SIGKILL'}, panicked: true, interruptedBy: 'SIGTERM'},
		{exitCode: 126, message: 'swtpm was killed by signal SIGKILL while the guest was running; stopping the VM'},
	],
];

for (const [title, facts, expected] of table) {
	test(title, t => {
		t.deepEqual(decideOutcome(facts), expected);
	});
}
