import test from 'ava';
import {formatListing, listFirmware, listingJson} from '../src/index.js';
import {fixture, layeredDirs, selectDirs} from './fixtures.js';

const listing = listFirmware({arch: 'x86_64', machineType: 'q35', directories: selectDirs});

test('json keeps each descriptor as written, plus path and the verdict', t => {
	const records = listingJson(listing);
	t.is(records.length, 10);
	const secure = records.find(record => record['path'] === fixture('select/50-secure.json'))!;
	t.is(secure['description'], 'UEFI with Secure Boot');
	t.false('mode' in (secure['mapping'] as object), 'defaults are not added to what the file says');
	t.true(secure['selected']);
	t.deepEqual(secure['rejectedBecause'], []);
	const enrolled = records.find(record => record['path'] === fixture('select/40-enrolled.json'))!;
	t.deepEqual(enrolled['rejectedBecause'], [{code: 'enrolled-keys', message: 'has enrolled-keys, which is excluded'}]);
});

test('broken and masked descriptors are listed with what is wrong', t => {
	const broken = listingJson(listing).find(record => record['path'] === fixture('select/15-missing-mapping.json'))!;
	t.is(broken['broken'], 'mapping: missing');
	t.is(broken['description'], 'no mapping');
	const masked = listingJson(listFirmware({arch: 'x86_64', directories: layeredDirs}))[0]!;
	t.like(masked, {masked: true, path: fixture('layered/etc/45-devnull.json'), selected: false});
});

test('the table shows every descriptor, the selected one marked, with reasons', t => {
	const text = formatListing(listing);
	t.true(text.startsWith('Firmware for x86_64, machine type q35, without enrolled-keys:\n'));
	t.regex(text, /^\* 50-secure\.json {11}SELECTED$/m);
	t.regex(text, /^ {2}20-aarch64\.json {10}no: built for aarch64, not x86_64$/m);
	t.regex(text, /^ {4}code {9}\/fixtures\/ovmf\/CODE\.secboot\.fd \(raw\)$/m);
	t.regex(text, /^ {4}targets {6}x86_64 \(pc-i440fx-\*, pc-q35-\*\)$/m);
	t.regex(text, /^ {2}60-plain\.json {12}no: fits too, but 50-secure\.json comes first$/m);
});

test('--firmware does not narrow a listing', t => {
	t.is(listFirmware({arch: 'x86_64', directories: selectDirs, firmware: 'relative-is-not-even-checked'}).verdicts.length, 10);
});

test('an empty search path is listed as such', t => {
	t.regex(formatListing(listFirmware({arch: 'x86_64', directories: ['/nonexistent']})), /no firmware descriptors in \/nonexistent/);
});
