import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {refuseVanishedPaths} from '../src/index.js';
import type {CompletePlan} from '../src/complete-plan.js';

type Paths = {boot: {initrds: string[]}};

function planWith(directory: string, change: (plan: Paths) => void = () => undefined): CompletePlan {
	const helper = {name: 'virtiofsd', argv: ['virtiofsd']};
	const plan = {
		boot: {kernel: join(directory, 'vmlinuz'), initrds: [join(directory, 'initrd')], extraArgs: []},
		fs: {
			root: {kind: 'directory', path: join(directory, 'root'), tag: 'root', share: {socket: '/run/x/r.sock', helper}},
			shares: [{source: join(directory, 'share'), target: '/mnt', readOnly: false, tag: 'mnt0', socket: '/run/x/s.sock', helper}],
			extraDrives: [],
			kernelArgs: [],
		},
	};
	change(plan);
	return plan as unknown as CompletePlan;
}

test('a plan whose kernel, initrd, root and shares are all there passes; one that lost any of them is refused with ENOENT, naming it', t => {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-check-paths-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	writeFileSync(join(directory, 'vmlinuz'), '');
	writeFileSync(join(directory, 'initrd'), '');
	mkdirSync(join(directory, 'root'));
	mkdirSync(join(directory, 'share'));
	t.notThrows(() => {
		refuseVanishedPaths(planWith(directory));
	});

	rmSync(join(directory, 'share'), {recursive: true});
	const vanished = t.throws(
		() => {
			refuseVanishedPaths(planWith(directory));
		},
		{message: `the shared directory ${directory}/share (fs.shares[0].source) does not exist`},
	);
	t.is((vanished as {exitCode?: number} | undefined)?.exitCode, 2);

	writeFileSync(join(directory, 'share'), '');
	t.throws(
		() => {
			refuseVanishedPaths(planWith(directory));
		},
		{message: `the shared directory ${directory}/share (fs.shares[0].source) is not a directory`},
	);

	t.throws(
		() => {
			refuseVanishedPaths(
				planWith(directory, plan => {
					plan.boot.initrds.push(join(directory, 'gone.img'));
				}),
			);
		},
		{message: `the initrd ${directory}/gone.img (boot.initrds[1]) does not exist`},
	);
});
