import {execFile, execFileSync} from 'node:child_process';
import test from 'ava';
import {qemuTakesKvmDevice} from '../src/index.js';

const run = async (argv: readonly string[]) =>
	new Promise<{stderr: string}>(resolve => {
		execFile(argv[0]!, argv.slice(1), {encoding: 'utf8', timeout: 10_000}, (_error, _stdout, stderr) => {
			resolve({stderr});
		});
	});

function qemuVersion(): string | undefined {
	try {
		return execFileSync('qemu-system-x86_64', ['--version'], {encoding: 'utf8'});
	} catch {
		return undefined;
	}
}

const version = qemuVersion();
(version ? test : test.skip)(
	`qemu 7.2 (Debian 12) is found unable to take a /dev/kvm fd by asking the real qemu${version ? '' : ' — skipped: qemu-system-x86_64 is not installed'}`,
	async t => {
		const major = Number(/version (\d+)\./.exec(version ?? '')?.[1]);
		const takes = await qemuTakesKvmDevice('qemu-system-x86_64', run);
		if (major <= 7) {
			t.false(takes);
		} else {
			t.log(`qemu ${major}: ${takes ? 'takes' : 'does not take'} a kvm fd`);
			t.is(typeof takes, 'boolean');
		}
	},
);
