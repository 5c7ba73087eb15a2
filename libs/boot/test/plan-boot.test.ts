import test from 'ava';
import {UsageError} from '@vmspawn/cli';
import {initrdForQemu, kernelCommandLine, planBoot} from '../src/index.js';

test('relative kernel and initrd paths become absolute', t => {
	t.deepEqual(planBoot({linux: 'vmlinuz', initrds: ['a.img', '/b.img'], extraArgs: ['quiet'], cwd: '/srv'}), {
		kernel: '/srv/vmlinuz',
		initrds: ['/srv/a.img', '/b.img'],
		extraArgs: ['quiet'],
	});
});

test('--initrd without --linux is refused', t => {
	t.throws(() => planBoot({initrds: ['x'], extraArgs: []}), {instanceOf: UsageError, message: 'option --initrd= cannot be used without --linux='});
});

test('one initrd is used as it is, several are merged in the runtime directory', t => {
	t.is(initrdForQemu({initrds: ['/a'], extraArgs: []}, '/run/x'), '/a');
	t.is(initrdForQemu({initrds: ['/a', '/b'], extraArgs: []}, '/run/x'), '/run/x/initrd.img');
	t.is(initrdForQemu({initrds: [], extraArgs: []}, '/run/x'), undefined);
});

test('the command line starts with the console, then the user words, then root and mounts', t => {
	t.deepEqual(kernelCommandLine({console: 'hvc0', extraArgs: ['quiet', 'x=1'], rootArgs: ['root=root'], mountArgs: ['systemd.mount-extra=a']}), [
		'console=hvc0',
		'quiet',
		'x=1',
		'root=root',
		'systemd.mount-extra=a',
	]);
	t.deepEqual(kernelCommandLine({console: 'ttyS0', terminalArgs: ['systemd.tty.term.ttyS0=xterm'], extraArgs: ['quiet']}), [
		'console=ttyS0',
		'systemd.tty.term.ttyS0=xterm',
		'quiet',
	]);
	t.deepEqual(kernelCommandLine({extraArgs: []}), []);
});
