import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import {CliError, describeFailure} from '@vmspawn/cli';
import {PlanError} from '@vmspawn/plan';
import {runMain} from './helpers.js';

// Any value of any option: a plan, or one line naming the problem. Never another kind of error.
const runsPerOption = Number(process.env['PROPERTY_RUNS'] ?? 60);
const options = [
	'ram', 'cpus', 'kvm', 'uuid', 'machine', 'console', 'secure-boot', 'firmware-features', 'efi-nvram-state',
	'vsock-cid', 'tpm-state', 'bind', 'bind-ro', 'private-users', 'image-format', 'extra-drive', 'discard-disk', 'port', 'set-credential', 'load-credential', 'register',
] as const;

const value = fc.oneof(
	fc.string(),
	fc.stringMatching(/^[\w./:\\-]{0,24}$/),
	fc.constantFrom('', ':', '\\:', '/', '/tmp', '/tmp:/mnt', 'a:b', 'tcp:8080:80', 'x:\\x00', '0', '4294967295', '-1', '1.5G', 'yes', 'auto'),
).filter(text => !text.endsWith(':-'));

test('every option of vmspawn-run takes any value without an unexpected error', async t => {
	const root = mkdtempSync(join(tmpdir(), 'vmspawn-properties-'));
	t.teardown(() => rmSync(root, {recursive: true, force: true}));
	let cases = 0;
	for (const option of options) {
		await fc.assert(fc.asyncProperty(value, async text => {
			cases++;
			const extra = option === 'port' ? ['--network-user-mode'] : [];
			try {
				const result = await runMain(['--dry-run', '-q', '--firmware=none', '--tpm=no', '--vsock=no', `-D${root}`, '--linux=/k', ...extra, `--${option}=${text}`]);
				return result.status === 0 && result.stdout.startsWith('{"plan":');
			} catch (error) {
				const {message} = describeFailure(error);
				return (error instanceof CliError || error instanceof PlanError) && message !== '' && !message.includes('\n');
			}
		}), {numRuns: runsPerOption});
	}

	t.log(`${cases} cases over ${options.length} options`);
	t.pass();
});
