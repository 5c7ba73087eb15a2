import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {execa} from 'execa';
import {credentialsSeen, guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {processesExposing} from '../helpers/processes.js';
import {scratchDir} from '../helpers/scratch.js';
import {toolPath} from '../helpers/tools.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

test('credentials reach the guest byte-exact through SMBIOS files, their files are gone once qemu runs, and no secret (nor the SSH private key) is on any command line or in any environment', async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const machine = 'e2e-credentials';
	const fromStdin = `stdin-secret-${process.pid}-${Date.now()}`;
	const fromFile = `file-secret-${process.pid}-${Date.now()}`;
	const secretFile = join(scratch, 'token');
	writeFileSync(secretFile, fromFile, {mode: 0o600});
	const run = execa(
		'node',
		[
			toolPath('vmspawn-run'),
			...tinyGuestBoot(guest),
			'-D',
			scratch,
			'--tpm=no',
			String.raw`--set-credential=binary:a\x00b\nc`,
			'--set-credential=piped:-',
			`--load-credential=token:${secretFile}`,
			'--ram=256M',
			'--console=read-only',
			'-M',
			machine,
			'-q',
			...guestKernelWords,
			guestScript('sleep 4'),
		],
		{reject: false, input: fromStdin},
	);

	// While the guest runs: nothing shows the secrets, and their files are private.
	let scanned = false;
	for (let attempt = 0; attempt < 100 && run.exitCode === null && !scanned; attempt++) {
		await delay(100);
		const runtime = runtimeDirsOf(machine)[0];
		if (runtime && processesMentioning(`/run/vmspawn/${runtime}/qmp.sock`).length > 0) {
			t.deepEqual(processesExposing(fromStdin), [], 'the stdin secret is in no cmdline or environ');
			t.deepEqual(processesExposing(fromFile), [], 'the file secret is in no cmdline or environ');
			const directory = `/run/vmspawn/${runtime}`;
			t.is(statSync(directory).mode & 0o777, 0o700);
			// qemu has read the credential files once it runs: they do not stay for the guest's life.
			for (let tries = 0; tries < 100 && existsSync(join(directory, 'credentials')); tries++) {
				await delay(50);
			}

			t.false(existsSync(join(directory, 'credentials')), 'the credential files are gone while the guest runs');

			// The ephemeral SSH key (--pass-ssh-key defaults to yes): private, and its body shown nowhere.
			const key = join(directory, 'ssh', 'id_ed25519');
			t.is(statSync(join(directory, 'ssh')).mode & 0o777, 0o700);
			t.is(statSync(key).mode & 0o777, 0o600);
			const body = readFileSync(key, 'utf8')
				.split('\n')
				.filter(line => line !== '' && !line.startsWith('-----'));
			t.true(body.length > 0);
			for (const line of body) {
				t.deepEqual(processesExposing(line), [], 'no line of the SSH private key is in any cmdline or environ');
			}

			scanned = true;
		}
	}

	const result = await run;
	t.true(scanned, 'the running VM was inspected');
	t.is(result.exitCode, 0, String(result.stderr));
	const seen = credentialsSeen(parseGuestReport(String(result.stdout)).smbios11);
	t.deepEqual(seen.get('binary'), Buffer.from('a\u0000b\nc'));
	t.deepEqual(seen.get('piped'), Buffer.from(fromStdin));
	t.deepEqual(seen.get('token'), Buffer.from(fromFile));
	t.deepEqual(runtimeDirsOf(machine), [], 'the credential files went with the runtime directory');
});
