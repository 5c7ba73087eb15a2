import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {type VirtiofsdFeatures, chooseVirtiofsd, parseVirtiofsdHelp, readOnlyWrapper, virtiofsdArgv} from '../src/index.js';
import {fixtureFeatures} from './helpers/fake-host.js';

const c = {path: '/usr/lib/qemu/virtiofsd', features: fixtureFeatures('c')};
const rust = {path: '/usr/libexec/virtiofsd', features: fixtureFeatures('rust')};
const older = {path: '/usr/libexec/virtiofsd', features: fixtureFeatures('rust-older')};
const request = {source: '/srv/root', socket: '/run/vmspawn/vm-1/virtiofsd-root.sock', readOnly: false, asRoot: true};

test('the help texts tell the flavours and their capabilities apart', t => {
	t.deepEqual(c.features, {flavour: 'c', readOnly: false, translateIds: false, namespaceIdMap: false, noAnnounceSubmounts: false});
	t.deepEqual(rust.features, {flavour: 'rust', readOnly: true, translateIds: true, namespaceIdMap: true, noAnnounceSubmounts: true});
	t.deepEqual(older.features, {flavour: 'rust', readOnly: false, translateIds: false, namespaceIdMap: true, noAnnounceSubmounts: false});
	t.is(parseVirtiofsdHelp('usage: something else entirely\n  --verbose\n'), undefined);
});

test('the C virtiofsd gets a socket path and FUSE-style options', t => {
	t.deepEqual(virtiofsdArgv(c, request), [
		'/usr/lib/qemu/virtiofsd',
		'--socket-path=/run/vmspawn/vm-1/virtiofsd-root.sock',
		'-o',
		'source=/srv/root',
		'-o',
		'xattr',
		'-o',
		'log_level=err',
	]);
});

test('commas and backslashes in the C source option are escaped for libfuse', t => {
	t.is(virtiofsdArgv(c, {...request, source: '/srv/a,b\\c'})[3], 'source=/srv/a\\,b\\\\c');
});

test('the C virtiofsd is not told about read-only shares: it has no such option', t => {
	t.deepEqual(virtiofsdArgv(c, {...request, readOnly: true}), virtiofsdArgv(c, request));
});

test('the C virtiofsd cannot map ids, which is a clear error', t => {
	const error = t.throws(() => virtiofsdArgv(c, {...request, idMap: {guest: 0, host: 100_000, range: 65_536, option: '--private-users='}}), {
		instanceOf: CliError,
	});
	t.regex(error?.message ?? '', /^--private-users= needs a virtiofsd that maps user ids .*\/usr\/lib\/qemu\/virtiofsd is QEMU's C virtiofsd, which cannot/);
	t.is(error?.exitCode, 95);
});

test('the Rust virtiofsd gets shared-dir, socket-path and xattr, without submount announcements as upstream', t => {
	t.deepEqual(virtiofsdArgv(rust, request), [
		'/usr/libexec/virtiofsd',
		'--shared-dir',
		'/srv/root',
		'--socket-path',
		'/run/vmspawn/vm-1/virtiofsd-root.sock',
		'--xattr',
		'--log-level',
		'error',
		'--no-announce-submounts',
	]);
	t.deepEqual(virtiofsdArgv(older, request), [
		'/usr/libexec/virtiofsd',
		'--shared-dir',
		'/srv/root',
		'--socket-path',
		'/run/vmspawn/vm-1/virtiofsd-root.sock',
		'--xattr',
		'--log-level',
		'error',
	]);
});

test('a Rust virtiofsd with --readonly enforces read-only shares itself', t => {
	t.is(virtiofsdArgv(rust, {...request, readOnly: true}).at(-1), '--readonly');
	t.false(virtiofsdArgv(older, {...request, readOnly: true}).includes('--readonly'));
});

test('as root, ids are mapped with --translate-uid, as upstream 258+ does', t => {
	t.deepEqual(virtiofsdArgv(rust, {...request, idMap: {guest: 0, host: 100_000, range: 65_536, option: '--private-users='}}).slice(-4), [
		'--translate-uid',
		'map:0:100000:65536',
		'--translate-gid',
		'map:0:100000:65536',
	]);
	t.deepEqual(virtiofsdArgv(rust, {...request, idMap: {guest: 60_514, host: 1000, range: 1, option: '--private-users='}}).slice(-4), [
		'--translate-uid',
		'map:60514:1000:1',
		'--translate-gid',
		'map:60514:1000:1',
	]);
});

test('unprivileged, ids are mapped through a user namespace (--uid-map): virtiofsd cannot chown without root', t => {
	t.deepEqual(virtiofsdArgv(rust, {...request, asRoot: false, idMap: {guest: 60_514, host: 1000, range: 1, option: '--private-users='}}).slice(-4), [
		'--uid-map',
		':60514:1000:1:',
		'--gid-map',
		':60514:1000:1:',
	]);
});

test('an older Rust virtiofsd maps ids with --uid-map, which only works unprivileged', t => {
	t.deepEqual(virtiofsdArgv(older, {...request, asRoot: false, idMap: {guest: 0, host: 100_000, range: 1000, option: '--private-users='}}).slice(-4), [
		'--uid-map',
		':0:100000:1000:',
		'--gid-map',
		':0:100000:1000:',
	]);
	const error = t.throws(() => virtiofsdArgv(older, {...request, idMap: {guest: 0, host: 100_000, range: 1000, option: '--private-users='}}), {
		instanceOf: CliError,
	});
	t.regex(error?.message ?? '', /has only --uid-map, which virtiofsd refuses when run as root/);
});

test('the read-only wrapper bind-mounts the directory read-only in a private namespace and execs virtiofsd', t => {
	const tools = {unshare: '/usr/bin/unshare', mount: '/usr/bin/mount', shell: '/bin/sh'};
	const argv = readOnlyWrapper(tools, '/srv/data', ['/usr/lib/qemu/virtiofsd', '--socket-path=/run/s'], true);
	t.deepEqual(argv, [
		'/usr/bin/unshare',
		'--mount',
		'--propagation',
		'private',
		'--',
		'/bin/sh',
		'-c',
		'"$1" --bind -o ro -- "$2" "$2" && shift 2 && exec "$@"',
		'vmspawn-ro',
		'/usr/bin/mount',
		'/srv/data',
		'/usr/lib/qemu/virtiofsd',
		'--socket-path=/run/s',
	]);
	t.is(t.throws(() => readOnlyWrapper(tools, '/srv/data', ['/x'], false), {instanceOf: CliError})?.exitCode, 1);
});

test('the Rust virtiofsd is chosen wherever it is found; otherwise the first one found, and unknown binaries are passed over', t => {
	const probes: Record<string, VirtiofsdFeatures | undefined> = {
		'/usr/bin/virtiofsd': undefined,
		'/usr/lib/qemu/virtiofsd': c.features,
		'/usr/local/libexec/virtiofsd': rust.features,
	};
	const probe = (path: string) => probes[path];
	t.deepEqual(chooseVirtiofsd(['/usr/bin/virtiofsd', '/usr/lib/qemu/virtiofsd', '/usr/local/libexec/virtiofsd'], probe), {
		path: '/usr/local/libexec/virtiofsd',
		features: rust.features,
	});
	t.deepEqual(chooseVirtiofsd(['/usr/bin/virtiofsd', '/usr/lib/qemu/virtiofsd'], probe), {path: '/usr/lib/qemu/virtiofsd', features: c.features});
	t.is(chooseVirtiofsd(['/usr/bin/virtiofsd'], probe), undefined);
});
