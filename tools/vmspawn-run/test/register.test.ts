import {createRequire} from 'node:module';
import test from 'ava';
import {runMain} from './helpers.js';

// Its own test file, so its own process: nothing else here loads dbus-next first.
const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter(path => path.includes('/dbus-next/'));

test('--register=yes with --dry-run registers nothing and never loads dbus-next', async t => {
	const result = await runMain(['--dry-run', '-q', '--register=yes', '--firmware=none', '--tpm=no', '--vsock=no', '-D', '.', '-M', 'reg', '--linux=/k'], {
		...process.env,
		DBUS_SYSTEM_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
	});
	t.is(result.status, 0);
	t.true(result.stdout.startsWith('{"plan":'));
	t.deepEqual(loaded(), []);
});

test('--help lists --register with its values and its default', async t => {
	const result = await runMain(['--help']);
	t.regex(result.stdout, /--register=BOOL\s+Register the VM with systemd-machined; auto: only where machined is available \(yes, no, auto\)/);
	t.regex(result.stdout, /\[default: \$VMSPAWN_REGISTER, else auto\]/);
});
