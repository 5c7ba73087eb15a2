import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {describeFirmware, firmwareQuery, isFirmwareKeyword, listFeatures, parseDescriptor, selectsUefi, wantsFeatureList} from '../src/index.js';
import {selectDirs} from './fixtures.js';

const x86 = {directories: selectDirs, arch: 'x86_64', machineType: 'q35'};

test('describe prints the selected descriptor as its file has it, and it parses as a descriptor', t => {
	const {text} = describeFirmware({...x86, firmwareFeatures: ['secure-boot']});
	const raw = JSON.parse(text) as unknown;
	const parsed = parseDescriptor(raw);
	t.true('descriptor' in parsed);
	t.is((raw as {description: string}).description, 'UEFI with Secure Boot');
	t.is((raw as {mapping: {'nvram-template': {filename: string}}}).mapping['nvram-template'].filename, '/fixtures/ovmf/VARS.fd');
});

test('describe takes auto and uefi as automatic selection, and honours the feature filter', t => {
	const automatic = describeFirmware({...x86, secureBoot: 'no'}).text;
	t.is(describeFirmware({...x86, secureBoot: 'no', firmware: 'auto'}).text, automatic);
	t.is(describeFirmware({...x86, secureBoot: 'no', firmware: 'uefi'}).text, automatic);
	t.is((JSON.parse(automatic) as {description: string}).description, 'UEFI without Secure Boot');
});

test('--firmware-features=list prints the features the loaded descriptors have, sorted, one per line', t => {
	const {text} = listFeatures({directories: selectDirs});
	const features = text.trimEnd().split('\n');
	t.true(text.endsWith('\n'));
	t.deepEqual(features, [...features].sort());
	t.true(features.includes('secure-boot'));
	t.true(features.includes('enrolled-keys'));
	t.is(new Set(features).size, features.length);
	t.true(wantsFeatureList(['secure-boot', 'list']));
	t.false(wantsFeatureList(['secure-boot']));
});

test('a required feature no descriptor has is named in one line', t => {
	const error = t.throws(() => describeFirmware({...x86, firmwareFeatures: ['secure-boot,no-such-feature']}), {instanceOf: CliError});
	t.is(error?.message, 'no firmware descriptor has the feature no-such-feature; --firmware-features=list prints the features there are');
	t.false(error?.message.includes('\n'));
});

test('the --firmware= keywords: auto, uefi and describe select; bios and none are for vmspawn-run only', t => {
	t.true(isFirmwareKeyword('bios'));
	t.false(isFirmwareKeyword('./bios'));
	for (const value of [undefined, '', 'auto', 'uefi', 'describe']) {
		t.true(selectsUefi(value), String(value));
		t.is(firmwareQuery({...x86, ...(value === undefined ? {} : {firmware: value})}).explicit, undefined);
	}

	t.throws(() => firmwareQuery({...x86, firmware: 'bios'}), {
		message: 'invalid --firmware=bios: no UEFI descriptor to select; only vmspawn-run boots without one',
	});
	t.throws(() => firmwareQuery({...x86, firmware: 'uefi2'}), {message: /absolute path or path starting with '\.\/' required/});
});
