import {invalidOption, parseBooleanWord, parseSize} from '@vmspawn/cli';

/** One property of the scope as StartTransientUnit takes it: name, D-Bus signature, value. */
export type ScopeProperty = readonly [name: string, signature: string, value: unknown];

const uint64Max = (1n << 64n) - 1n;
type Parse = (value: string) => ScopeProperty | string;

// Each parser returns the property, or why the value is wrong.
const booleanProperty =
	(name: string): Parse =>
	value => {
		const parsed = parseBooleanWord(value);
		return parsed === undefined ? 'expected a boolean' : [name, 'b', parsed];
	};

const sizeProperty =
	(name: string): Parse =>
	value => {
		if (value === 'infinity') {
			return [name, 't', uint64Max];
		}

		try {
			return [name, 't', parseSize('property', value)];
		} catch {
			return 'expected a size such as 2G or 512M (base 1024), or infinity';
		}
	};

const countProperty =
	(name: string, min: bigint, max: bigint, infinity: boolean): Parse =>
	value => {
		if (infinity && value === 'infinity') {
			return [name, 't', uint64Max];
		}

		const count = /^\d{1,19}$/.test(value) ? BigInt(value) : undefined;
		return count === undefined || count < min || count > max ? `expected a number from ${min} to ${max}${infinity ? ', or infinity' : ''}` : [name, 't', count];
	};

const stringProperty =
	(name: string, choices?: readonly string[]): Parse =>
	value => {
		if (choices && !choices.includes(value)) {
			return `expected one of ${choices.join(', ')}`;
		}

		return value === '' || value.length > 4096 || /[\p{Cc}]/u.test(value) ? 'expected a non-empty line of text' : [name, 's', value];
	};

// CPUQuota=20% means 200 ms of CPU time per second, as systemd's CPUQuotaPerSecUSec takes it.
const cpuQuota: Parse = value => {
	const match = /^(\d{1,6})%$/.exec(value);
	return match ? ['CPUQuotaPerSecUSec', 't', BigInt(match[1]!) * 10_000n] : 'expected a percentage such as 50% or 200%';
};

// RuntimeMaxSec= in whole seconds: the scope (and the VM) is stopped after that long.
const runtimeMax: Parse = value =>
	/^\d{1,12}$/.test(value)
		? ['RuntimeMaxUSec', 't', BigInt(value) * 1_000_000n]
		: value === 'infinity'
			? ['RuntimeMaxUSec', 't', uint64Max]
			: 'expected whole seconds, or infinity';

/**
 * The scope properties --property= knows, written as in unit files. systemd's own tools know
 * hundreds; these are the ones that make sense for a VM's scope (resources, limits, naming).
 */
const parsers: Readonly<Record<string, Parse>> = {
	Description: stringProperty('Description'),
	CollectMode: stringProperty('CollectMode', ['inactive', 'inactive-or-failed']),
	Delegate: booleanProperty('Delegate'),
	CPUAccounting: booleanProperty('CPUAccounting'),
	MemoryAccounting: booleanProperty('MemoryAccounting'),
	IOAccounting: booleanProperty('IOAccounting'),
	TasksAccounting: booleanProperty('TasksAccounting'),
	CPUWeight: countProperty('CPUWeight', 1n, 10_000n, false),
	StartupCPUWeight: countProperty('StartupCPUWeight', 1n, 10_000n, false),
	IOWeight: countProperty('IOWeight', 1n, 10_000n, false),
	StartupIOWeight: countProperty('StartupIOWeight', 1n, 10_000n, false),
	TasksMax: countProperty('TasksMax', 1n, uint64Max - 1n, true),
	CPUQuota: cpuQuota,
	MemoryMin: sizeProperty('MemoryMin'),
	MemoryLow: sizeProperty('MemoryLow'),
	MemoryHigh: sizeProperty('MemoryHigh'),
	MemoryMax: sizeProperty('MemoryMax'),
	MemorySwapMax: sizeProperty('MemorySwapMax'),
	RuntimeMaxSec: runtimeMax,
};

export const knownScopeProperties: readonly string[] = Object.keys(parsers);

/** One --property=NAME=VALUE, as the scope's D-Bus property; a name or value it does not know is refused. */
export function parseScopeProperty(assignment: string): ScopeProperty {
	const equals = assignment.indexOf('=');
	const name = equals < 0 ? assignment : assignment.slice(0, equals);
	const parse = Object.hasOwn(parsers, name) ? parsers[name] : undefined;
	if (equals < 0 || parse === undefined) {
		throw invalidOption('property', assignment, `expected NAME=VALUE with NAME one of ${knownScopeProperties.join(', ')}`);
	}

	const parsed = parse(assignment.slice(equals + 1));
	if (typeof parsed === 'string') {
		throw invalidOption('property', assignment, parsed);
	}

	return parsed;
}
