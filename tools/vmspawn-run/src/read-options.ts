import type {ToolIo} from '@vmspawn/host';
import {type ParsedArgs, UsageError, listValue, parseMachineName, parseTristate, stringValue} from '@vmspawn/cli';
import type {RunOptions} from '@vmspawn/assemble';
import {hostQemuArch} from '@vmspawn/qemu';
import {readFirmwareOptions} from '@vmspawn/firmware';
import {readFsOptions} from '@vmspawn/fs';
import {type RamRequest, parseMachineUuid, parseRam} from '@vmspawn/machine';
import {readNetworkOptions} from '@vmspawn/network';
import {ConsoleMode, ConsoleTransport} from '@vmspawn/plan';
import {readJournalLimits, readJournalOutput} from '@vmspawn/journal';
import {readSshOptions} from '@vmspawn/ssh';
import {readTpmOptions} from '@vmspawn/tpm';
import {readVsockOptions} from '@vmspawn/vsock';
import {readSmbios11} from './smbios11.js';

function consoleMode(value: string | undefined): RunOptions['console'] {
	if (value === undefined) {
		return undefined;
	}

	const parsed = ConsoleMode.safeParse(value);
	if (!parsed.success) {
		throw new UsageError(`invalid --console=${value}: expected one of ${ConsoleMode.options.join(', ')}`);
	}

	return parsed.data;
}

function ramOptions(ram: RamRequest): Pick<RunOptions, 'ramBytes' | 'ramMaxBytes' | 'ramSlots'> {
	return {
		ramBytes: ram.ramBytes,
		...(ram.maxBytes === undefined ? {} : {ramMaxBytes: ram.maxBytes}),
		...(ram.slots === undefined ? {} : {ramSlots: ram.slots}),
	};
}

function consoleTransport(value: string | undefined): RunOptions['consoleTransport'] {
	if (value === undefined) {
		return undefined;
	}

	const parsed = ConsoleTransport.safeParse(value);
	if (!parsed.success) {
		throw new UsageError(`invalid --console-transport=${value}: expected one of ${ConsoleTransport.options.join(', ')}`);
	}

	return parsed.data;
}

/** Turns vmspawn-run's parsed arguments into validated options; relative paths are taken from io.cwd. */
export function readRunOptions(args: ParsedArgs, io: Pick<ToolIo, 'cwd' | 'host'>): RunOptions {
	const value = (name: string) => stringValue(args, name);
	const arch = hostQemuArch(io.host.arch);
	if (arch === undefined) {
		throw new UsageError(`the native architecture ${io.host.arch} is not supported by qemu`);
	}

	const cwd = io.cwd ?? process.cwd();

	const name = parseMachineName(value('machine'));
	const uuid = value('uuid');
	const cpus = value('cpus');
	const ram = value('ram');
	const kvm = value('kvm');
	const linux = value('linux');
	const mode = consoleMode(value('console'));
	const transport = consoleTransport(value('console-transport'));
	const journal = readJournalOutput(args, cwd);
	const journalLimits = readJournalLimits(args, journal !== undefined);
	const smbios11 = readSmbios11(args);
	if (cpus === '') {
		throw new UsageError('invalid --cpus=: expected a number of CPUs');
	}

	return {
		...(name ? {machineName: name} : {}),
		...(uuid ? {uuid: parseMachineUuid(uuid)} : {}),
		...(cpus ? {cpus} : {}),
		...(ram === undefined ? {} : ramOptions(parseRam(ram))),
		...(kvm === undefined ? {} : {kvm: parseTristate('kvm', kvm)}),
		...(linux ? {linux} : {}),
		...(mode ? {console: mode} : {}),
		...(transport ? {consoleTransport: transport} : {}),
		firmware: readFirmwareOptions(args),
		vsock: readVsockOptions(args),
		tpm: readTpmOptions(args, cwd),
		network: readNetworkOptions(args),
		ssh: readSshOptions(args),
		...(journal ? {forwardJournal: journal, forwardJournalLimits: journalLimits} : {}),
		fs: readFsOptions(args, cwd),
		initrds: listValue(args, 'initrd'),
		extraArgs: args.positional,
		...(smbios11.length > 0 ? {smbios11} : {}),
		arch,
		given: new Set(args.values.keys()),
	};
}
