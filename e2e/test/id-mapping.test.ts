import {execFileSync} from 'node:child_process';
import {chmodSync, chownSync, copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {execa} from 'execa';
import {credentialsSeen, guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {scratchDir} from '../helpers/scratch.js';
import {runTool, toolPath} from '../helpers/tools.js';
import {temporaryUser} from '../helpers/users.js';
import {tinyGuestBoot, guestKernelWords} from '../helpers/direct-boot.js';

// Mapping ids to others needs root on the host (or subordinate ids), and the Rust virtiofsd.
const asRoot = process.getuid?.() === 0;
const repository = fileURLToPath(new URL('../..', import.meta.url));
const needsRoot = asRoot ? '' : ' — skipped: giving files other owners needs root';

(asRoot ? test : test.skip)(
	`--private-users=UID:N maps the guest's root to the host's UID: what the guest makes as root is the mapped uid's on the host, and host files show their guest ids${needsRoot}`,
	async t => {
		const guest = await guestDir();
		const scratch = scratchDir(t);
		const root = join(scratch, 'root');
		mkdirSync(root);
		const shift = 231_072;
		// Host ids shift+5:shift+7 are guest ids 5:7.
		writeFileSync(join(root, 'from-host'), 'host data\n');
		chownSync(join(root, 'from-host'), shift + 5, shift + 7);
		const machine = 'e2e-private-users';
		const result = await runTool('vmspawn-run', [
			...tinyGuestBoot(guest),
			'--tpm=no',
			'-D',
			root,
			`--private-users=${shift}:65536`,
			'--ram=512M',
			'--console=read-only',
			'-M',
			machine,
			'-q',
			...guestKernelWords,
			guestScript(
				['echo made-by-guest-root > /sysroot/made-by-guest', 'mkdir /sysroot/dir-by-guest', 'echo "owner=$(stat -c %u:%g /sysroot/from-host)"'].join('\n'),
			),
		]);
		t.is(result.exitCode, 0, result.stderr);
		const report = parseGuestReport(result.stdout);
		t.is(report.scriptStatus, 0, report.scriptOutput);
		t.regex(report.scriptOutput ?? '', /^owner=5:7$/m, 'the guest sees the host file under its guest ids');
		for (const made of ['made-by-guest', 'dir-by-guest']) {
			const stats = statSync(join(root, made));
			t.deepEqual([stats.uid, stats.gid], [shift, shift], `${made}: the guest's root is the host's ${shift}`);
		}

		t.deepEqual(runtimeDirsOf(machine), []);
		t.deepEqual(processesMentioning(scratch), [], 'no virtiofsd is left');
	},
);

// Serial: useradd and userdel lock /etc/passwd, and two at once may fail.
(asRoot ? test.serial : test.skip)(
	`--bind-user= defines the host user in the guest through userdb credentials and shares its home at /run/vmhost/home/USER, owned by the guest's user${needsRoot}`,
	async t => {
		const guest = await guestDir();
		const scratch = scratchDir(t);
		const name = `vmspt${process.pid % 100_000}`;
		const user = await temporaryUser(t, name);
		writeFileSync(join(user.home, 'from-host'), 'host data\n');
		chownSync(join(user.home, 'from-host'), user.uid, user.gid);
		const home = `/sysroot/run/vmhost/home/${name}`;
		const machine = 'e2e-bind-user';
		const result = await runTool('vmspawn-run', [
			...tinyGuestBoot(guest),
			'--tpm=no',
			'-D',
			scratch,
			`--bind-user=${name}`,
			'--bind-user-shell=/bin/zsh',
			'--bind-user-group=wheel',
			'--bind-user-group=video',
			'--ram=512M',
			'--console=read-only',
			'-M',
			machine,
			'-q',
			...guestKernelWords,
			guestScript(
				[
					`echo "home=$(stat -c %u:%g ${home})"`,
					`echo "file=$(stat -c %u:%g ${home}/from-host) $(cat ${home}/from-host)"`,
					`echo guest data > ${home}/made-in-guest && chown 60514:60514 ${home}/made-in-guest`,
				].join('\n'),
			),
		]);
		t.is(result.exitCode, 0, result.stderr);
		const report = parseGuestReport(result.stdout);
		t.is(report.scriptStatus, 0, report.scriptOutput);
		t.regex(report.scriptOutput ?? '', /^home=60514:60514$/m, 'the guest sees its user owning the home');
		t.regex(report.scriptOutput ?? '', /^file=60514:60514 host data$/m);
		const made = statSync(join(user.home, 'made-in-guest'));
		t.deepEqual([made.uid, made.gid], [user.uid, user.gid], "what the guest's user owns is the host user's");

		const credentials = credentialsSeen(report.smbios11);
		const userRecord = credentials.get(`userdb.transient.user.${name}`)?.toString() ?? '';
		t.true(userRecord.endsWith('}\n'), 'one line of JSON, as upstream formats it');
		const hashed = execFileSync('getent', ['shadow', name], {encoding: 'utf8'}).split(':')[1]!;
		t.deepEqual(JSON.parse(userRecord), {
			userName: name,
			uid: 60_514,
			gid: 60_514,
			homeDirectory: `/run/vmhost/home/${name}`,
			service: 'io.systemd.NSpawn',
			shell: '/bin/zsh',
			memberOf: ['wheel', 'video'],
			privileged: ['x', '*'].includes(hashed.replace(/^!+/, '')) ? {} : {hashedPassword: [hashed]},
		});
		t.is(credentials.get(`userdb.transient.group.${name}`)?.toString(), `{"groupName":"${name}","gid":60514,"service":"io.systemd.NSpawn"}\n`);
		t.deepEqual(runtimeDirsOf(machine), []);
		t.deepEqual(processesMentioning(user.home), [], 'no virtiofsd is left');
	},
);

/** The first subordinate uid and gid useradd gave the user (/etc/subuid, /etc/subgid). */
function subordinateIds(name: string): {uid: number; gid: number} {
	const first = (file: string) =>
		Number(
			readFileSync(file, 'utf8')
				.split('\n')
				.find(line => line.startsWith(`${name}:`))
				?.split(':')[1],
		);
	return {uid: first('/etc/subuid'), gid: first('/etc/subgid')};
}

(asRoot ? test.serial : test.skip)(
	`an unprivileged user runs a directory root with --private-users= from its subordinate ids: the Rust virtiofsd maps them in a user namespace${needsRoot}`,
	async t => {
		const guest = await guestDir();
		const scratch = scratchDir(t);
		chmodSync(scratch, 0o755);
		const name = `vmspu${process.pid % 100_000}`;
		const user = await temporaryUser(t, name);
		const sub = subordinateIds(name);
		t.true(Number.isInteger(sub.uid) && sub.uid === sub.gid, `useradd gave ${name} subordinate ids`);
		// The user cannot read root's guest cache: its own copies of the kernel and initrd.
		for (const file of ['vmlinuz', 'initrd.img']) {
			copyFileSync(join(guest, file), join(scratch, file));
			chmodSync(join(scratch, file), 0o644);
		}

		const root = join(scratch, 'root');
		mkdirSync(root);
		chownSync(root, sub.uid, sub.gid);
		// The user's runtime base, inside the scratch directory so nothing outlives the test.
		const runtime = join(scratch, 'runtime');
		mkdirSync(runtime, {mode: 0o700});
		chownSync(runtime, user.uid, user.gid);
		// The checkout may lie where the user cannot go (CI's clone is in a 0700 temporary directory, a
		// developer's under /root): a private mount namespace shows it to the user at a path it can reach.
		const checkout = join(scratch, 'checkout');
		mkdirSync(checkout);
		const result = await execa(
			'unshare',
			[
				'--mount',
				'--propagation=private',
				'--',
				'sh',
				'-c',
				'mount --bind "$1" "$2" && shift 2 && exec "$@"',
				'sh',
				repository,
				checkout,
				'setpriv',
				`--reuid=${user.uid}`,
				`--regid=${user.gid}`,
				'--init-groups',
				'env',
				`HOME=${user.home}`,
				'XDG_RUNTIME_DIR=',
				`VMSPAWN_RUNTIME_DIR=${runtime}`,
				process.execPath,
				join(checkout, relative(repository, toolPath('vmspawn-run'))),
				`--linux=${scratch}/vmlinuz`,
				`--initrd=${scratch}/initrd.img`,
				'--firmware=none',
				'--tpm=no',
				'--pass-ssh-key=no',
				'-D',
				root,
				`--private-users=${sub.uid}:65536`,
				'--ram=256M',
				'--console=read-only',
				'-M',
				'e2e-unprivileged',
				'-q',
				...guestKernelWords,
				guestScript('echo made-by-guest-root > /sysroot/made-by-guest\necho "owner=$(stat -c %u:%g /sysroot/made-by-guest)"'),
			],
			{reject: false, stdin: 'ignore', timeout: 240_000},
		);
		t.is(result.exitCode, 0, String(result.stderr));
		const report = parseGuestReport(String(result.stdout));
		t.regex(report.scriptOutput ?? '', /^owner=0:0$/m, "the guest's root owns what it made");
		const made = statSync(join(root, 'made-by-guest'));
		t.deepEqual([made.uid, made.gid], [sub.uid, sub.gid], "on the host it is the first subordinate id's");
		t.deepEqual(readdirSync(runtime), [], 'no runtime directory is left');
		t.deepEqual(processesMentioning(scratch), [], 'no virtiofsd is left');
	},
);
