import {fileURLToPath} from 'node:url';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {runMain} from './helpers.js';
import {runSourceCli} from '@vmspawn/testing';

const cli = fileURLToPath(new URL('fixtures/fake-host-cli.ts', import.meta.url));

for (const [args, message] of [
	[['--ram=lots'], /^invalid --ram=lots: expected a size/],
	[['--ram=1G:512M'], /^invalid --ram=1G:512M: the maximum \(MAXBYTES\) must be at least the initial size$/],
	[['--ram=1G::4'], /^invalid --ram=1G::4: hotplug slots need a maximum size/],
	[['--console-transport=usb'], /^invalid --console-transport=usb: expected one of virtio, serial$/],
	[['--kvm=perhaps'], /^invalid --kvm=perhaps: expected a boolean/],
	[['--register=perhaps'], /^invalid --register=perhaps: expected a boolean \(yes\/no, true\/false, on\/off, 1\/0\) or auto$/],
	[['--uuid=00000000000000000000000000000000'], /may not be all zeroes/],
	[['-M', 'bad name'], /^invalid --machine=bad name: expected a valid host name/],
	[['--console=fancy'], /^invalid --console=fancy: expected one of interactive, read-only, native, gui, headless$/],
	[['--initrd=/x'], /^option --initrd= cannot be used without --linux=$/],
	[['--cpus='], /^invalid --cpus=: expected a number of CPUs$/],
	[['--slice=web'], /^invalid --slice=web: expected a slice unit name such as machine.slice or vms-web.slice$/],
	[['--property=MemoryMax=lots'], /^invalid --property=MemoryMax=lots: expected a size such as 2G or 512M \(base 1024\), or infinity$/],
	[['--property=ExecStart=/bin/sh'], /^invalid --property=ExecStart=\/bin\/sh: expected NAME=VALUE with NAME one of Description, /],
	[['--keep-unit', '--slice=machine.slice'], /^--keep-unit cannot be used with --slice= or --property=/],
	[['--system', '--user'], /^--system and --user cannot be used together$/],
] as const) {
	test(`${args.join(' ')} is refused with a message naming it`, async t => {
		const error = await t.throwsAsync(runMain(['--dry-run', ...args]), {instanceOf: CliError});
		t.regex(error?.message ?? '', message);
		t.is(error?.exitCode, 22);
	});
}

test('a bad --ram= maximum prints one line and starts nothing', async t => {
	const result = await runSourceCli(cli, ['--ram=1G:2G:x', '-M', 'bad-ram', '--linux=/k']);
	t.is(result.status, 22);
	t.is(result.stdout, '');
	t.is(result.stderr, 'vmspawn-run: invalid --ram=1G:2G:x: expected SLOTS to be a number of hotplug slots up to 256, got "x"\n');
});

test('the command prints one line on stderr and exits 22 for a bad option, with no stack trace', async t => {
	const result = await runSourceCli(cli, ['--ram=lots']);
	t.is(result.status, 22);
	t.is(result.stdout, '');
	t.is(result.stderr, 'vmspawn-run: invalid --ram=lots: expected a size such as 2G, 512M or 1.5G (suffixes B K M G T P E, base 1024)\n');
});

test('--kvm=yes where KVM cannot run guests fails at once with a clear message', async t => {
	const result = await runSourceCli(cli, ['--kvm=yes', '--dry-run', '-D', '.', '-M', 'x', '--linux=/k']);
	t.is(result.status, 95);
	t.regex(result.stderr, /^vmspawn-run: --kvm=yes, but KVM cannot run guests here: .+\n$/);
});
