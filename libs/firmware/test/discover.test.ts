import test from 'ava';
import {discoverDescriptors, firmwareSearchDirs} from '../src/index.js';
import {fixture, layeredDirs, selectDirs} from './fixtures.js';

test('descriptors are unified by file name, the earlier directory winning, and sorted by name', t => {
	const {entries, warnings} = discoverDescriptors(layeredDirs);
	t.deepEqual(warnings, []);
	t.deepEqual(
		entries.map(entry => [entry.name, entry.state, entry.path]),
		[
			['45-devnull.json', 'masked', fixture('layered/etc/45-devnull.json')],
			['50-secure.json', 'loaded', fixture('layered/user/50-secure.json')],
			['60-plain.json', 'masked', fixture('layered/user/60-plain.json')],
			['70-extra.json', 'loaded', fixture('layered/share/70-extra.json')],
		],
	);
});

test('an override replaces the whole descriptor', t => {
	const entry = discoverDescriptors(layeredDirs).entries[1]!;
	t.is(entry.state === 'loaded' ? entry.descriptor.description : '', 'overridden by the user');
});

test('a symlink to /dev/null masks the name', t => {
	t.is(discoverDescriptors(layeredDirs).entries.find(entry => entry.name === '45-devnull.json')?.state, 'masked');
});

test('an empty file masks the name in every later directory', t => {
	const {entries} = discoverDescriptors(layeredDirs);
	t.is(entries.find(entry => entry.name === '60-plain.json')?.state, 'masked');
	t.is(discoverDescriptors(layeredDirs.slice(1)).entries.find(entry => entry.name === '60-plain.json')?.path, fixture('layered/etc/60-plain.json'));
});

test('only *.json regular files count; hidden files and directories are skipped', t => {
	const names = discoverDescriptors(layeredDirs).entries.map(entry => entry.name);
	t.false(names.includes('notes.txt'));
	t.false(names.includes('.hidden.json'));
	t.false(names.includes('80-directory.json'));
});

test('broken descriptors are recorded with the problem, not thrown', t => {
	const {entries} = discoverDescriptors(selectDirs);
	const broken = entries.filter(entry => entry.state === 'broken');
	t.deepEqual(
		broken.map(entry => entry.name),
		['10-broken.json', '15-missing-mapping.json'],
	);
	t.regex(broken[0]!.state === 'broken' ? broken[0]!.problem : '', /^not valid JSON: /);
	t.is(broken[1]!.state === 'broken' ? broken[1]!.problem : '', 'mapping: missing');
});

test('missing directories are skipped silently', t => {
	t.deepEqual(discoverDescriptors(['/nonexistent/qemu/firmware', ...selectDirs]).warnings, []);
});

test('search directories: XDG config, /etc, /usr/share, or VMSPAWN_FIRMWARE_DIRS', t => {
	t.deepEqual(firmwareSearchDirs({}, '/home/ann'), ['/home/ann/.config/qemu/firmware', '/etc/qemu/firmware', '/usr/share/qemu/firmware']);
	t.is(firmwareSearchDirs({XDG_CONFIG_HOME: '/cfg'}, '/home/ann')[0], '/cfg/qemu/firmware');
	t.is(firmwareSearchDirs({XDG_CONFIG_HOME: 'relative'}, '/home/ann')[0], '/home/ann/.config/qemu/firmware');
	t.deepEqual(firmwareSearchDirs({VMSPAWN_FIRMWARE_DIRS: '/a::/b'}, '/home/ann'), ['/a', '/b']);
});
