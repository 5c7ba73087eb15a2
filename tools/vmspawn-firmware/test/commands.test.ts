import {join} from 'node:path';
import test from 'ava';
import {UsageError} from '@vmspawn/cli';
import {fixtureDirs, run} from './helpers.js';

test('list shows each descriptor, the selected one and why the others are not', async t => {
	const {status, stdout} = await run(['list', '--arch=x86_64']);
	t.is(status, 0);
	t.true(stdout.startsWith('Firmware for x86_64, machine type q35, without enrolled-keys:\n'));
	t.regex(stdout, /^ {2}20-aarch64\.json +no: masked by .*user\/20-aarch64\.json/m);
	t.regex(stdout, /^ {2}45-enrolled\.json +no: has enrolled-keys, which is excluded$/m);
	t.regex(stdout, /^\* 50-secure\.json +SELECTED$/m);
	t.regex(stdout, /^ {2}60-plain\.json +no: fits too, but 50-secure\.json comes first$/m);
	t.regex(stdout, /^ {2}70-broken\.json +no: broken: interface-types: missing/m);
	t.regex(stdout, /^ {4}code {9}\/fixtures\/ovmf\/CODE\.secboot\.fd \(raw\)$/m);
});

test("list --json gives each descriptor's own fields plus path and the verdict", async t => {
	const records = JSON.parse((await run(['list', '--json', '--arch=x86_64', '--secure-boot=no'])).stdout) as Array<Record<string, unknown>>;
	t.is(records.length, 5);
	const plain = records.find(record => record['path'] === join(fixtureDirs[1]!, '60-plain.json'))!;
	t.like(plain, {description: 'UEFI without Secure Boot', 'interface-types': ['uefi'], selected: true, rejectedBecause: []});
	const secure = records.find(record => record['path'] === join(fixtureDirs[1]!, '50-secure.json'))!;
	t.deepEqual(secure['rejectedBecause'], [{code: 'secure-boot', message: 'has secure-boot, which is excluded'}]);
});

test('describe prints the selected descriptor as written', async t => {
	const {stdout} = await run(['describe', '--arch=x86_64', '--secure-boot=no']);
	t.deepEqual(JSON.parse(stdout), {
		description: 'UEFI without Secure Boot',
		'interface-types': ['uefi'],
		mapping: {
			device: 'flash',
			executable: {filename: '/fixtures/ovmf/CODE.fd', format: 'raw'},
			'nvram-template': {filename: '/fixtures/ovmf/VARS.fd', format: 'raw'},
		},
		targets: [{architecture: 'x86_64', machines: ['pc-q35-*']}],
		features: [],
		tags: [],
	});
});

test('an unknown command or a stray argument is a usage error', async t => {
	await t.throwsAsync(run(['frobnicate']), {instanceOf: UsageError, message: 'unknown command frobnicate (expected select, list or describe)'});
	await t.throwsAsync(run(['list', 'extra']), {instanceOf: UsageError, message: 'unexpected argument extra'});
	await t.throwsAsync(run(['--bogus']), {instanceOf: UsageError, message: 'unknown option --bogus'});
});

test('--help lists commands and options; --version prints the version', async t => {
	const help = (await run(['--help'])).stdout;
	for (const word of [
		'select',
		'list',
		'describe',
		'--secure-boot=BOOL',
		'--firmware=PATH',
		'--firmware-features=LIST',
		'--efi-nvram-template=PATH',
		'--efi-nvram-state=off|auto|PATH',
		'-M, --machine=NAME',
		'--json',
	]) {
		t.true(help.includes(word), word);
	}

	t.regex((await run(['--version'])).stdout, /^vmspawn-firmware \d+\.\d+\.\d+\n$/);
});

test('--firmware=list prints the descriptors in effect, one path per line, as vmspawn-run does', async t => {
	const {status, stdout} = await run(['--firmware=list']);
	t.is(status, 0);
	t.deepEqual(stdout.split('\n'), [
		join(fixtureDirs[0]!, '45-enrolled.json'),
		join(fixtureDirs[1]!, '50-secure.json'),
		join(fixtureDirs[1]!, '60-plain.json'),
		join(fixtureDirs[1]!, '70-broken.json'),
		'',
	]);
});
