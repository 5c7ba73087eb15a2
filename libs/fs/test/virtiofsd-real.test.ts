import {spawn} from 'node:child_process';
import {mkdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import type {HelperProcess} from '@vmspawn/plan';
import {realHost} from '@vmspawn/host';
import {fsHost, parseBinds, planFs} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';

async function waitForSocket(path: string, exited: () => boolean): Promise<void> {
	for (const deadline = Date.now() + 10_000; Date.now() < deadline && !exited(); await delay(20)) {
		try {
			if (statSync(path).isSocket()) {
				return;
			}
		} catch {}
	}

	throw new Error(`no socket at ${path}`);
}

function isReadOnlyMount(mountinfo: string, directory: string): boolean {
	// Fields: id parent major:minor root mount-point options ...
	return mountinfo
		.split('\n')
		.map(line => line.split(' '))
		.some(fields => fields[4] === directory && fields[5]?.split(',').includes('ro'));
}

const host = fsHost(realHost, process.env);
(host.asRoot ? test : test.skip)(
	`the described virtiofsd helpers start, listen on their sockets and stop on SIGTERM${host.asRoot ? '' : ' — skipped: virtiofsd needs root'}`,
	async t => {
		const base = scratchDir(t);
		const runtimeDir = join(base, 'run');
		const root = join(base, 'root');
		const data = join(base, 'data');
		for (const directory of [runtimeDir, root, data]) {
			mkdirSync(directory);
		}

		const section = planFs(
			{directory: root, binds: parseBinds({bind: [], bindRo: [`${data}:/data`]}), extraDrives: [], discard: true},
			{runtimeDir: () => runtimeDir, host},
		);
		const helpers: HelperProcess[] = [section.root.kind === 'directory' ? section.root.share.helper : (t.fail() as never), section.shares[0]!.helper];
		const children = helpers.map(helper => {
			const child = spawn(helper.argv[0]!, helper.argv.slice(1), {stdio: ['ignore', 'ignore', 'pipe']});
			const exited = new Promise<number | NodeJS.Signals | null>(resolve => child.once('exit', (code, signal) => resolve(signal ?? code)));
			t.teardown(() => {
				child.kill('SIGKILL');
			});
			return {helper, child, exited};
		});

		await Promise.all(children.map(async ({helper, child}) => waitForSocket(helper.socket!, () => child.exitCode !== null)));
		const readOnlyPid = children[1]!.child.pid!;
		if (host.virtiofsd().features.readOnly) {
			// A virtiofsd with --readonly refuses the guest's writes itself.
			t.true(readFileSync(`/proc/${readOnlyPid}/cmdline`, 'utf8').split('\0').includes('--readonly'));
		} else {
			// Otherwise the read-only share's virtiofsd sees its directory as a read-only mount; the host does not.
			t.true(isReadOnlyMount(readFileSync(`/proc/${readOnlyPid}/mountinfo`, 'utf8'), data));
		}

		t.false(isReadOnlyMount(readFileSync('/proc/self/mountinfo', 'utf8'), data));
		t.regex(readFileSync(`/proc/${readOnlyPid}/cmdline`, 'utf8'), /virtiofsd/);

		for (const {child} of children) {
			child.kill('SIGTERM');
		}

		const statuses = await Promise.all(children.map(async ({exited}) => exited));
		t.is(statuses.length, 2);
		for (const {child} of children) {
			t.throws(() => process.kill(child.pid!, 0), {code: 'ESRCH'});
		}
	},
);
