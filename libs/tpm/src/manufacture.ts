import {existsSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import {CliError, type Logger, errno} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';
import {type CommandResult, type RunCommand, describeEnd, outputTail, runCommand} from '@vmspawn/host';
import {prepareStateDir, tightenStateFiles} from './state-dir.js';
import {writeManufactureFiles, writeStateFile} from './state-files.js';

export type ManufactureOptions = {
	/** Say what is happening on stderr; default: when stderr is a terminal and the log is not quiet. */
	readonly progress?: boolean;
	readonly run?: RunCommand;
	readonly timeoutMs?: number;
};

export type ManufactureResult = {
	/** false: the state existed already (or the TPM is off) and was left alone. */
	readonly manufactured: boolean;
	readonly durationMs: number;
};

function failure(section: Section<'tpm'>, result: CommandResult): CliError {
	const program = result.argv[0] ?? 'swtpm_setup';
	if (result.spawnError === 'ENOENT') {
		return new CliError(`cannot run ${program}: not found (install the Debian package swtpm-tools)`, {exitCode: errno.ENOENT});
	}

	const tail = outputTail(result);
	return new CliError(`${program} ${describeEnd(result)} while manufacturing the TPM state in ${section.stateDir}${tail ? `: ${tail}` : ''}`, {
		exitCode: errno.EIO,
	});
}

/**
 * Brings the TPM state into being before swtpm starts (vmspawn-run calls this at
 * run time). Existing state is never touched: swtpm_setup is not even started
 * when the marker of a complete manufacture is there, and it is told --not-overwrite
 * where it knows it (state from before the marker is kept as it is, and marked).
 */
export async function manufactureTpmState(section: Section<'tpm'>, log: Logger, options: ManufactureOptions = {}): Promise<ManufactureResult> {
	const {stateDir, manufacture} = section;
	if (!section.enabled || stateDir === undefined || manufacture === undefined) {
		return {manufactured: false, durationMs: 0};
	}

	const created = await prepareStateDir(stateDir, log);
	if (manufacture.skipWhenExists !== undefined && existsSync(manufacture.skipWhenExists)) {
		return {manufactured: false, durationMs: 0};
	}

	const progress = options.progress ?? (process.stderr.isTTY === true && !log.quiet);
	if (progress) {
		log.info(`Manufacturing ${section.persistent ? 'persistent' : 'ephemeral'} TPM state in ${stateDir} ...`);
	}

	const started = performance.now();
	// No half-made state: a directory made for this attempt goes again.
	const undo = async (error: Error) => {
		if (created) {
			await rm(stateDir, {recursive: true, force: true});
		}

		return error;
	};

	try {
		writeManufactureFiles(stateDir, manufacture);
	} catch (error) {
		throw await undo(error as Error);
	}

	const result = await (options.run ?? runCommand)(manufacture.argv, {timeoutMs: options.timeoutMs ?? 120_000});
	if (result.code !== 0) {
		throw await undo(failure(section, result));
	}

	await tightenStateFiles(stateDir);
	if (manufacture.marker !== undefined) {
		writeStateFile(stateDir, manufacture.marker, '');
	}

	for (const part of manufacture.omitted ?? []) {
		log.warn(`the TPM was manufactured without ${part}`);
	}

	const durationMs = performance.now() - started;
	if (progress) {
		log.info(`TPM state manufactured in ${(durationMs / 1000).toFixed(1)} s.`);
	}

	return {manufactured: true, durationMs};
}
