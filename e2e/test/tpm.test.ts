import {X509Certificate} from 'node:crypto';
import {chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {execa} from 'execa';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript, makeCpio} from '../helpers/guest-files.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {scratchDir} from '../helpers/scratch.js';
import {runTool, toolPath} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

/** A swtpm_setup on PATH that records each call, then runs the real one. */
function recordingSwtpmSetup(directory: string): {path: string; calls: () => string[]} {
	const bin = join(directory, 'bin');
	const log = join(directory, 'swtpm_setup.calls');
	mkdirSync(bin);
	writeFileSync(join(bin, 'swtpm_setup'), `#!/bin/sh\necho "$*" >> '${log}'\nexec /usr/bin/swtpm_setup "$@"\n`);
	chmodSync(join(bin, 'swtpm_setup'), 0o755);
	return {
		path: `${bin}:${process.env['PATH'] ?? ''}`,
		calls: () =>
			existsSync(log)
				? readFileSync(log, 'utf8')
						.split('\n')
						.filter(line => line.includes('--tpm-state'))
				: [],
	};
}

test('the guest gets a TPM; persistent state is manufactured once and reused by the next boot', async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const state = join(scratch, 'tpm-state');
	const root = join(scratch, 'root');
	mkdirSync(root);
	const setup = recordingSwtpmSetup(scratch);
	const boot = async () =>
		runTool(
			'vmspawn-run',
			[
				...tinyGuestBoot(guest),
				'-D',
				root,
				'--tpm=yes',
				`--tpm-state=${state}`,
				'--ram=512M',
				'--console=read-only',
				'-M',
				'e2e-tpm',
				'-q',
				...guestKernelWords,
			],
			{env: {PATH: setup.path}},
		);

	const first = await boot();
	t.is(first.exitCode, 0, first.stderr);
	const report = parseGuestReport(first.stdout);
	t.true(report.tpmDevices.includes('/dev/tpm0') || report.tpmDevices.includes('tpm0'), `guest saw ${report.tpmDevices.join(', ')}`);
	t.true(report.tpmDevices.some(device => device.endsWith('tpmrm0')));
	t.is(setup.calls().length, 1, 'the state was manufactured on the first boot');
	t.is(statSync(state).mode & 0o777, 0o700);

	const second = await boot();
	t.is(second.exitCode, 0, second.stderr);
	t.true(parseGuestReport(second.stdout).tpmDevices.some(device => device.endsWith('tpm0')));
	t.is(setup.calls().length, 1, 'the second boot reused the state instead of manufacturing it again');
	t.deepEqual(runtimeDirsOf('e2e-tpm'), []);
	t.deepEqual(processesMentioning(state), [], 'swtpm is gone');
});

/** The NV indices the guest read, by index: the DER bytes, or undefined where the TPM has none. */
function nvIndices(scriptOutput: string): Map<string, Buffer | undefined> {
	const lines = scriptOutput
		.trim()
		.split('\n')
		.map(line => line.split(' '));
	return new Map(lines.map(([index, hex]) => [index ?? '', hex === 'none' || hex === undefined ? undefined : Buffer.from(hex, 'hex')]));
}

test("the guest reads EK certificates (RSA, ECC) and a platform certificate from the TPM, signed by the state's local CA", async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const state = join(scratch, 'tpm-state');
	const reader = makeCpio({'tpm-nv-read.sh': readFileSync(new URL('../guest/tpm-nv-read.sh', import.meta.url))});
	// RSA 2048 EK, ECC EK (P-256 low range, P-384 high range: swtpm 0.7 makes P-384), platform certificate.
	const indices = ['01c00002', '01c0000a', '01c00016', '01c08000'];
	const result = await runTool('vmspawn-run', [
		`--linux=${guest}/vmlinuz`,
		`--initrd=${guest}/initrd.img`,
		`--initrd=${reader}`,
		'--firmware=none',
		'-D',
		scratch,
		'--tpm=yes',
		`--tpm-state=${state}`,
		'--ram=512M',
		'--console=read-only',
		'-M',
		'e2e-tpm-ek',
		'-q',
		...guestKernelWords,
		guestScript(`sh /tpm-nv-read.sh ${indices.join(' ')}`),
	]);
	t.is(result.exitCode, 0, result.stderr);
	const report = parseGuestReport(result.stdout);
	t.is(report.scriptStatus, 0, report.scriptOutput);
	const read = nvIndices(report.scriptOutput ?? '');
	const issuer = new X509Certificate(readFileSync(join(state, 'issuer-certificate.pem')));
	const certificate = (index: string) => new X509Certificate(read.get(index) ?? Buffer.alloc(0));
	t.is(certificate('01c00002').publicKey.asymmetricKeyType, 'rsa');
	const ecc = read.get('01c0000a') ?? read.get('01c00016');
	t.is(new X509Certificate(ecc ?? Buffer.alloc(0)).publicKey.asymmetricKeyType, 'ec');
	for (const index of ['01c00002', '01c08000']) {
		t.true(certificate(index).verify(issuer.publicKey), `${index} is signed by the local CA in ${state}`);
	}

	t.true(new X509Certificate(ecc!).verify(issuer.publicKey));
	t.true(existsSync(join(state, '.manufactured')));
});

test('swtpm dying while the guest runs stops the VM with status 126 and leaves nothing behind', async t => {
	const guest = await guestDir();
	const machine = 'e2e-tpm-killed';
	const root = scratchDir(t);
	const run = execa(
		'node',
		[
			toolPath('vmspawn-run'),
			...tinyGuestBoot(guest),
			'-D',
			root,
			'--tpm=yes',
			'--ram=256M',
			'--console=read-only',
			'-M',
			machine,
			'-q',
			...guestKernelWords,
			guestScript('sleep 120'),
		],
		{reject: false, stdin: 'ignore'},
	);
	// Once qemu runs: before that, the swtpm found may be the one swtpm_setup starts to manufacture the state.
	let swtpm: string | undefined;
	for (let attempt = 0; attempt < 300 && !swtpm; attempt++) {
		await delay(100);
		const processes = processesMentioning(`/run/vmspawn/${machine}-`);
		if (processes.some(line => /qemu-system/.test(line))) {
			swtpm = processes.find(line => / \S*swtpm socket /.test(` ${line.split(': ')[1] ?? ''}`));
		}
	}

	t.truthy(swtpm, 'swtpm started');
	process.kill(Number(swtpm!.split(':')[0]), 'SIGKILL');
	const result = await run;
	t.is(result.exitCode, 126);
	t.regex(String(result.stderr), /^vmspawn-run: swtpm was killed by signal SIGKILL while the guest was running; stopping the VM$/m);
	t.deepEqual(processesMentioning(`/run/vmspawn/${machine}-`), [], 'no qemu or helper is left');
	t.deepEqual(runtimeDirsOf(machine), []);
});
