import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {CliError, UsageError, parseArgs} from '@vmspawn/cli';
import {journalCredentials, journalOptionDefs, planJournal, readJournalOutput} from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vmspawn-journal-test-'));
const base = {journalRemote: '/usr/lib/systemd/systemd-journal-remote', freePort: async () => 40_000};
const noVsock = {enabled: false as const, reason: 'no device'};

test('with vsock the helper listens on the guest\'s CID as port, as upstream', async t => {
	const {section} = await planJournal({...base, output: join(dir, 'a.journal'), vsock: {enabled: true, cid: 1234}, network: {mode: 'none'}});
	t.deepEqual(journalCredentials(section), [['journal.forward_to_socket', 'vsock:2:1234']], 'vsock is not IP: journald\'s unit firewall does not apply');
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
	await t.throwsAsync(planJournal({...base, output: dir, vsock: noVsock, network: {mode: 'none'}}), {instanceOf: UsageError, message: /needs a way for the guest to reach the host: vsock \(no device\) or --network-user-mode/});
});

test('an output whose directory does not exist is refused before anything starts', async t => {
	await t.throwsAsync(planJournal({...base, output: join(dir, 'missing', 'a.journal'), vsock: {enabled: true, cid: 3}, network: {mode: 'none'}}), {instanceOf: CliError, message: /missing is not an existing directory$/});
	await t.throwsAsync(planJournal({...base, output: join(dir, 'nodir'), vsock: {enabled: true, cid: 3}, network: {mode: 'none'}}), {instanceOf: CliError, message: /a path not ending in \.journal names a directory/});
});

test('--forward-journal= is made absolute; empty means off', t => {
	const read = (argv: string[]) => readJournalOutput(parseArgs({name: 't', version: '0', summary: '', usage: [], options: [...journalOptionDefs]}, argv), '/home/u');
	t.is(read(['--forward-journal=logs/x.journal']), '/home/u/logs/x.journal');
	t.is(read(['--forward-journal=/var/log/vm/']), '/var/log/vm');
	t.is(read(['--forward-journal=']), undefined);
	t.is(read([]), undefined);
});
