import {execFileSync} from 'node:child_process';
import {chownSync, mkdirSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {guestDir, parseGuestReport} from '../helpers/guest-report.js';
import {guestScript} from '../helpers/guest-files.js';
import {processesMentioning, runtimeDirsOf} from '../helpers/leaks.js';
import {scratchDir} from '../helpers/scratch.js';
import {runTool} from '../helpers/tools.js';

// Mapping ids to others needs root on the host (or subordinate ids), and the Rust virtiofsd.
const asRoot = process.getuid?.() === 0;
const needsRoot = asRoot ? '' : ' — skipped: giving files other owners needs root';

(asRoot ? test : test.skip)(`--private-users=UID:N maps the guest's root to the host's UID: what the guest makes as root is the mapped uid's on the host, and host files show their guest ids${needsRoot}`, async t => {
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
		`--linux=${guest}/vmlinuz`, `--initrd=${guest}/initrd.img`, '--firmware=none', '--tpm=no', '-D', root, `--private-users=${shift}:65536`,
		'--ram=512M', '--console=read-only', '-M', machine, '-q', 'quiet',
		guestScript([
			'echo made-by-guest-root > /sysroot/made-by-guest',
			'mkdir /sysroot/dir-by-guest',
			'echo "owner=$(stat -c %u:%g /sysroot/from-host)"',
		].join('\n')),
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
});

function credentialsSeen(smbios11: readonly string[]): Map<string, string> {
	const seen = new Map<string, string>();
	for (const text of smbios11) {
		const match = /^io\.systemd\.credential\.binary:([^=]+)=(.*)$/.exec(text);
		if (match) {
			seen.set(match[1]!, Buffer.from(match[2]!, 'base64').toString('utf8'));
		}
	}

	return seen;
}

/** A host user made for one test (with its private group and home), removed afterwards. */
function temporaryUser(t: {teardown(fn: () => void): void}, name: string): {uid: number; gid: number; home: string} {
	execFileSync('useradd', ['--create-home', '--user-group', '--shell', '/bin/sh', name]);
	t.teardown(() => {
		execFileSync('userdel', ['--remove', name], {stdio: 'ignore'});
	});
	const [, , uid, gid, , home] = execFileSync('getent', ['passwd', name], {encoding: 'utf8'}).trim().split(':');
	return {uid: Number(uid), gid: Number(gid), home: home!};
}

(asRoot ? test : test.skip)(`--bind-user= defines the host user in the guest through userdb credentials and shares its home at /run/vmhost/home/USER, owned by the guest's user${needsRoot}`, async t => {
	const guest = await guestDir();
	const scratch = scratchDir(t);
	const name = `vmspt${process.pid % 100_000}`;
	const user = temporaryUser(t, name);
	writeFileSync(join(user.home, 'from-host'), 'host data\n');
	chownSync(join(user.home, 'from-host'), user.uid, user.gid);
	const home = `/sysroot/run/vmhost/home/${name}`;
	const machine = 'e2e-bind-user';
	const result = await runTool('vmspawn-run', [
		`--linux=${guest}/vmlinuz`, `--initrd=${guest}/initrd.img`, '--firmware=none', '--tpm=no', '-D', scratch,
		`--bind-user=${name}`, '--bind-user-shell=/bin/zsh', '--bind-user-group=wheel', '--bind-user-group=video',
		'--ram=512M', '--console=read-only', '-M', machine, '-q', 'quiet',
		guestScript([
			`echo "home=$(stat -c %u:%g ${home})"`,
			`echo "file=$(stat -c %u:%g ${home}/from-host) $(cat ${home}/from-host)"`,
			`echo guest data > ${home}/made-in-guest && chown 60514:60514 ${home}/made-in-guest`,
		].join('\n')),
	]);
	t.is(result.exitCode, 0, result.stderr);
	const report = parseGuestReport(result.stdout);
	t.is(report.scriptStatus, 0, report.scriptOutput);
	t.regex(report.scriptOutput ?? '', /^home=60514:60514$/m, 'the guest sees its user owning the home');
	t.regex(report.scriptOutput ?? '', /^file=60514:60514 host data$/m);
	const made = statSync(join(user.home, 'made-in-guest'));
	t.deepEqual([made.uid, made.gid], [user.uid, user.gid], 'what the guest\'s user owns is the host user\'s');

	const credentials = credentialsSeen(report.smbios11);
	const userRecord = credentials.get(`userdb.transient.user.${name}`) ?? '';
	t.true(userRecord.endsWith('}\n'), 'one line of JSON, as upstream formats it');
	const hashed = execFileSync('getent', ['shadow', name], {encoding: 'utf8'}).split(':')[1]!;
	t.deepEqual(JSON.parse(userRecord), {
		userName: name, uid: 60_514, gid: 60_514, homeDirectory: `/run/vmhost/home/${name}`, service: 'io.systemd.NSpawn',
		shell: '/bin/zsh', memberOf: ['wheel', 'video'], privileged: ['x', '*'].includes(hashed.replace(/^!+/, '')) ? {} : {hashedPassword: [hashed]},
	});
	t.is(credentials.get(`userdb.transient.group.${name}`), `{"groupName":"${name}","gid":60514,"service":"io.systemd.NSpawn"}\n`);
	t.deepEqual(runtimeDirsOf(machine), []);
	t.deepEqual(processesMentioning(user.home), [], 'no virtiofsd is left');
});
