import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {CliError, UsageError, parseArgs} from '@vmspawn/cli';
import {journalCredentials, journalOptionDefs, planJournal, readJournalLimits, readJournalOutput} from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vmspawn-journal-test-'));
test.after.always(() => rmSync(dir, {recursive: true, force: true}));
const base = {journalRemote: '/usr/lib/systemd/systemd-journal-remote', freePort: async () => 40_000};
const noVsock = {enabled: false as const, reason: 'no device'};

test("with vsock the helper listens on the guest's CID as port, as upstream", async t => {
	const {section} = await planJournal({...base, output: join(dir, 'a.journal'), vsock: {enabled: true, cid: 1234}, network: {mode: 'none'}});
	t.deepEqual(journalCredentials(section), [['journal.forward_to_socket', 'vsock:2:1234']], "vsock is not IP: journald's unit firewall does not apply");
	t.deepEqual(section.helper.argv, [base.journalRemote, `--output=${dir}/a.journal`, '--split-mode=none', '--listen-raw=vsock:2:1234']);
	t.is(section.helper.tcpPort, undefined);
});

test('without vsock but with user-mode networking it listens on loopback and the guest sends to 10.0.2.2', async t => {
	const {section} = await planJournal({...base, output: dir, vsock: noVsock, network: {mode: 'user', ports: []}});
	t.deepEqual(journalCredentials(section), [
		['journal.forward_to_socket', '10.0.2.2:40000'],
		// systemd-journald.service has IPAddressDeny=any: without this its connection to the host is dropped.
		['systemd.unit-dropin.systemd-journald.service~vmspawn-forward-journal', '[Service]\nIPAddressAllow=10.0.2.2\n'],
	]);
	t.is(section.splitMode, 'host', 'a directory gets one file per guest host name');
	t.deepEqual(section.helper.argv.slice(1), [`--output=${dir}`, '--split-mode=host', '--listen-raw=127.0.0.1:40000']);
	t.is(section.helper.tcpPort, 40_000);
});

test('with no way for the guest to reach the host it is an error, not a useless address', async t => {
	await t.throwsAsync(planJournal({...base, output: dir, vsock: noVsock, network: {mode: 'none'}}), {
		instanceOf: UsageError,
		message: /needs a way for the guest to reach the host: vsock \(no device\) or --network-user-mode/,
	});
});

test('an output whose directory does not exist is refused before anything starts', async t => {
	await t.throwsAsync(planJournal({...base, output: join(dir, 'missing', 'a.journal'), vsock: {enabled: true, cid: 3}, network: {mode: 'none'}}), {
		instanceOf: CliError,
		message: /missing is not an existing directory$/,
	});
	await t.throwsAsync(planJournal({...base, output: join(dir, 'nodir'), vsock: {enabled: true, cid: 3}, network: {mode: 'none'}}), {
		instanceOf: CliError,
		message: /a path not ending in \.journal names a directory/,
	});
});

test('--forward-journal= is made absolute; empty means off', t => {
	const read = (argv: string[]) =>
		readJournalOutput(parseArgs({name: 't', version: '0', summary: '', usage: [], options: [...journalOptionDefs]}, argv), '/home/u');
	t.is(read(['--forward-journal=logs/x.journal']), '/home/u/logs/x.journal');
	t.is(read(['--forward-journal=/var/log/vm/']), '/var/log/vm');
	t.is(read(['--forward-journal=']), undefined);
	t.is(read([]), undefined);
});

const limitSpec = {name: 't', version: '0', summary: '', usage: [], options: [...journalOptionDefs]};

test('the --forward-journal-* limits reach journal-remote as its own options, in bytes, as upstream passes them', async t => {
	// The newest mkosi's words.
	const limits = readJournalLimits(
		parseArgs(limitSpec, [
			'--forward-journal-max-use=1T',
			'--forward-journal-keep-free=1G',
			'--forward-journal-max-file-size=4G',
			'--forward-journal-max-files=100',
		]),
		true,
	);
	const {section} = await planJournal({...base, limits, output: dir, vsock: {enabled: true, cid: 7}, network: {mode: 'none'}});
	t.deepEqual(section.helper.argv.slice(1), [
		`--output=${dir}`,
		'--split-mode=host',
		'--max-use=1099511627776',
		'--keep-free=1073741824',
		'--max-file-size=4294967296',
		'--max-files=100',
		'--listen-raw=vsock:2:7',
	]);
});

test('the limits are refused without --forward-journal=, and bad values name the option', t => {
	t.throws(() => readJournalLimits(parseArgs(limitSpec, ['--forward-journal-max-use=1G']), false), {
		instanceOf: UsageError,
		message: /need --forward-journal=$/,
	});
	t.throws(() => readJournalLimits(parseArgs(limitSpec, ['--forward-journal-keep-free=lots']), true), {
		instanceOf: UsageError,
		message: /^invalid --forward-journal-keep-free=lots: expected a size/,
	});
	t.throws(() => readJournalLimits(parseArgs(limitSpec, ['--forward-journal-max-files=1.5']), true), {
		instanceOf: UsageError,
		message: /^invalid --forward-journal-max-files=1\.5: expected a number of files$/,
	});
	t.deepEqual(readJournalLimits(parseArgs(limitSpec, ['--forward-journal-max-use=']), false), {}, "empty: journal-remote's default");
});
