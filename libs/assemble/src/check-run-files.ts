import {dirname, resolve} from 'node:path';
import {runtimeBase} from '@vmspawn/host';
import {type HelperProcess, PlanError} from '@vmspawn/plan';
import type {CompletePlan} from './complete-plan.js';

/** A file, socket or directory the run creates or overwrites itself, and where the plan names it. */
type RunFile = {readonly path: string; readonly where: string};

function helperSocket(helper: HelperProcess | undefined, where: string): RunFile[] {
	return helper?.socket === undefined ? [] : [{path: helper.socket, where: `${where}.socket`}];
}

function fsRunFiles(fs: CompletePlan['fs']): RunFile[] {
	const root =
		fs.root.kind === 'directory'
			? [{path: fs.root.share.socket, where: 'fs.root.share.socket'}, ...helperSocket(fs.root.share.helper, 'fs.root.share.helper')]
			: // qemu-img writes the ephemeral overlay over whatever is there.
				fs.root.ephemeral
				? [{path: fs.root.ephemeral.overlay, where: 'fs.root.ephemeral.overlay'}]
				: [];
	return [
		...root,
		...fs.shares.flatMap((share, index) => [
			{path: share.socket, where: `fs.shares[${index}].socket`},
			...helperSocket(share.helper, `fs.shares[${index}].helper`),
		]),
	];
}

function tpmRunFiles(tpm: CompletePlan['tpm']): RunFile[] {
	if (!tpm.enabled) {
		return [];
	}

	return [
		// Persistent state is where the user chose to keep it; only per-run state belongs to the run.
		...(tpm.persistent === false && tpm.stateDir !== undefined ? [{path: tpm.stateDir, where: 'tpm.stateDir'}] : []),
		...(tpm.socket === undefined ? [] : [{path: tpm.socket, where: 'tpm.socket'}]),
		...helperSocket(tpm.helper, 'tpm.helper'),
	];
}

/** Every per-run store the plan names; persistent ones the user chose (NVRAM, TPM state) are not among them. */
function runFiles(plan: CompletePlan): RunFile[] {
	const {firmware, credentials, ssh, journal} = plan;
	return [
		...(firmware?.nvram && !firmware.nvram.persistent ? [{path: firmware.nvram.path, where: 'firmware.nvram.path'}] : []),
		...(credentials
			? [
					{path: credentials.dir, where: 'credentials.dir'},
					...credentials.entries.map((entry, index) => ({path: entry.file, where: `credentials.entries[${index}].file`})),
				]
			: []),
		...(ssh ? [{path: ssh.privateKey, where: 'ssh.privateKey'}] : []),
		...helperSocket(journal?.helper, 'journal.helper'),
		...fsRunFiles(plan.fs),
		...tpmRunFiles(plan.tpm),
	];
}

// Lexical, after resolving `..`: the runtime directory is made fresh (0700) by this run, so no symlink can be in it yet.
function isInside(path: string, directory: string): boolean {
	return resolve(path).startsWith(`${directory}/`);
}

/**
 * A plan names the files the run writes: a per-run NVRAM copy, credential files, sockets,
 * the SSH key. From a plan written elsewhere these could overwrite any file the user can
 * write, so they must lie inside runtime.dir, and runtime.dir directly in the runtime base.
 */
export function refuseRunFilesOutside(plan: CompletePlan, env: NodeJS.ProcessEnv): void {
	const base = resolve(runtimeBase(env));
	const dir = resolve(plan.runtime.dir);
	if (dirname(dir) !== base || dir === base) {
		throw new PlanError([`plan.runtime.dir: expected a directory directly inside the runtime base ${base}, not ${plan.runtime.dir}`]);
	}

	for (const {path, where} of runFiles(plan)) {
		if (!isInside(path, dir)) {
			throw new PlanError([`plan.${where}: a per-run file must be inside runtime.dir ${dir}, not ${path}`]);
		}
	}
}
