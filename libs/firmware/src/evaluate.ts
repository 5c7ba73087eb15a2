import type {FirmwareDescriptor} from './descriptor.js';
import type {FeatureFilter} from './features.js';
import type {DescriptorEntry} from './load.js';
import {machinesInclude} from './machine-type.js';

/** Why a descriptor was not selected; `list` shows these, `--json` keeps the code. */
export type RejectionCode =
	| 'masked'
	| 'broken'
	| 'interface'
	| 'mapping'
	| 'architecture'
	| 'machine-type'
	| 'secure-boot'
	| 'enrolled-keys'
	| 'feature'
	| 'superseded';

export type Rejection = {readonly code: RejectionCode; readonly message: string};

/** What the machine needs from its firmware. */
export type Criteria = {
	readonly arch: string;
	readonly machineType: string;
	readonly features: FeatureFilter;
};

function featureCode(feature: string): RejectionCode {
	return feature === 'secure-boot' || feature === 'enrolled-keys' ? feature : 'feature';
}

/** The reason a descriptor's mapping cannot be used, even when named explicitly. */
export function unsupportedMapping(descriptor: FirmwareDescriptor): string | undefined {
	const {mapping} = descriptor;
	if (mapping.device === 'kernel') {
		return 'kernel-mapped firmware (loaded with -kernel) is not supported';
	}

	return mapping.device === 'flash' && mapping.mode === 'combined' ? 'combined code and variables in one flash image is not supported' : undefined;
}

function targetRejection(descriptor: FirmwareDescriptor, criteria: Criteria): Rejection | undefined {
	const targets = descriptor.targets.filter(target => target.architecture === criteria.arch);
	if (targets.length === 0) {
		const architectures = [...new Set(descriptor.targets.map(target => target.architecture))];
		return {code: 'architecture', message: `built for ${architectures.join(', ') || 'no architecture'}, not ${criteria.arch}`};
	}

	const globs = targets.flatMap(target => target.machines);
	if (!machinesInclude(globs, criteria.machineType)) {
		return {code: 'machine-type', message: `${criteria.arch} machine types ${globs.join(', ') || '(none)'} do not include ${criteria.machineType}`};
	}

	return undefined;
}

/** Every reason the descriptor does not fit; empty when it does. */
export function rejectionsOf(entry: DescriptorEntry, criteria: Criteria): Rejection[] {
	if (entry.state === 'masked') {
		return [{code: 'masked', message: `masked by ${entry.path} (empty or a symlink to /dev/null)`}];
	}

	if (entry.state === 'broken') {
		return [{code: 'broken', message: `broken: ${entry.problem}`}];
	}

	const {descriptor} = entry;
	const rejections: Rejection[] = [];
	if (!descriptor['interface-types'].includes('uefi')) {
		rejections.push({code: 'interface', message: `not UEFI (interface types: ${descriptor['interface-types'].join(', ') || 'none'})`});
	}

	const mapping = unsupportedMapping(descriptor);
	if (mapping) {
		rejections.push({code: 'mapping', message: mapping});
	} else if (descriptor.mapping.device === 'memory') {
		rejections.push({code: 'mapping', message: 'memory-mapped (loaded with -bios); used only when named with --firmware='});
	}

	const target = targetRejection(descriptor, criteria);
	if (target) {
		rejections.push(target);
	}

	for (const feature of criteria.features.include) {
		if (!descriptor.features.includes(feature)) {
			rejections.push({code: featureCode(feature), message: `lacks ${feature}, which is required`});
		}
	}

	for (const feature of criteria.features.exclude) {
		if (descriptor.features.includes(feature)) {
			rejections.push({code: featureCode(feature), message: `has ${feature}, which is excluded`});
		}
	}

	return rejections;
}
