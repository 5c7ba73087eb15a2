import {type OptionDef, type ParsedArgs, UsageError, invalidOption, listValue, parseBooleanWord, stringValue, switchValue} from '@vmspawn/cli';
import {type ScopeProperty, parseScopeProperty} from './scope-properties.js';

/** Which service manager (and machined) vmspawn-run talks to. */
export type RuntimeScope = 'system' | 'user';

/** The scope the VM's processes go in, as the options ask. */
export type ScopeRequest = {
	/** --keep-unit: no scope; qemu and the helpers stay in the unit vmspawn-run runs in. */
	readonly keepUnit: boolean;
	/** --slice=, absent: machine.slice. */
	readonly slice?: string;
	/** --property= values, in order. */
	readonly properties: readonly ScopeProperty[];
	/** --system or --user; absent: the system's for root, else the user's. */
	readonly runtimeScope?: RuntimeScope;
};

/** The options of the VM's scope, defined next to the code that gives them meaning. */
export const scopeOptionDefs: readonly OptionDef[] = [
	{
		name: 'keep-unit',
		kind: 'switch',
		description:
			'Do not put qemu and its helpers in a scope unit of their own: they stay in the unit vmspawn-run runs in (a service such as vmspawn@NAME.service)',
	},
	{name: 'slice', short: 'S', kind: 'value', valueName: 'SLICE', description: "Put the VM's scope unit in this slice", defaultText: 'machine.slice'},
	{
		name: 'property',
		kind: 'value',
		multiple: true,
		valueName: 'NAME=VALUE',
		description: "Set a property of the VM's scope unit (MemoryMax=, CPUQuota=, TasksMax=, CPUWeight=, ...); repeat for more",
	},
	{name: 'system', kind: 'switch', description: 'Use the system service manager and machined (the default for root)'},
	{name: 'user', kind: 'switch', description: "Use the calling user's service manager and machined (the default for other users)"},
];

/** The default of --keep-unit, e.g. for a test suite whose VMs share a name and so could not share NAME.scope. */
export const KEEP_UNIT_ENV = 'VMSPAWN_KEEP_UNIT';

function keepUnitByDefault(env: NodeJS.ProcessEnv): boolean {
	const value = env[KEEP_UNIT_ENV];
	if (value === undefined || value === '') {
		return false;
	}

	const parsed = parseBooleanWord(value);
	if (parsed === undefined) {
		throw new UsageError(`invalid $${KEEP_UNIT_ENV}=${value}: expected a boolean (yes/no, true/false, on/off, 1/0)`);
	}

	return parsed;
}

// A unit name as systemd takes it: [A-Za-z0-9:_.\\-] and at most 255 characters, here ending in .slice.
const slicePattern = /^[A-Za-z0-9:_.\\-]{1,249}\.slice$/;

function runtimeScope(args: ParsedArgs): RuntimeScope | undefined {
	const system = switchValue(args, 'system');
	const user = switchValue(args, 'user');
	if (system && user) {
		throw new UsageError('--system and --user cannot be used together');
	}

	return system ? 'system' : user ? 'user' : undefined;
}

/**
 * Reads --keep-unit (else $VMSPAWN_KEEP_UNIT, which --slice=/--property= override), --slice=,
 * --property=, --system and --user; refused before anything starts.
 */
export function readScopeOptions(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): ScopeRequest {
	const slice = stringValue(args, 'slice');
	const assignments = listValue(args, 'property');
	if (slice !== undefined && slice !== '' && !slicePattern.test(slice)) {
		throw invalidOption('slice', slice, 'expected a slice unit name such as machine.slice or vms-web.slice');
	}

	const properties = assignments.map(assignment => parseScopeProperty(assignment));
	const shaped = (slice !== undefined && slice !== '') || properties.length > 0;
	const keepUnit = switchValue(args, 'keep-unit') || (!shaped && keepUnitByDefault(env));
	if (keepUnit && shaped) {
		throw new UsageError("--keep-unit cannot be used with --slice= or --property=: there is no scope of the VM's own to place or shape");
	}

	const scope = runtimeScope(args);
	return {
		keepUnit,
		...(slice ? {slice} : {}),
		properties,
		...(scope ? {runtimeScope: scope} : {}),
	};
}
