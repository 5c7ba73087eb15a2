import type {FirmwareSection} from '@vmspawn/plan';
import type {LoadedEntry} from './load.js';

/** The plan's description of a descriptor, before the variable store (nvram) is placed. */
export function firmwareSection(entry: LoadedEntry): FirmwareSection {
	const {descriptor} = entry;
	const {mapping} = descriptor;
	const secureBoot = descriptor.features.includes('secure-boot');
	const common = {
		descriptor: entry.path,
		description: descriptor.description,
		secureBoot,
		// Secure Boot variables are only protected when the machine has SMM.
		requiresSmm: secureBoot || descriptor.features.includes('requires-smm'),
		features: [...descriptor.features],
	};
	if (mapping.device !== 'flash') {
		return {...common, device: 'memory', code: {path: mapping.filename, format: 'raw'}};
	}

	const template = mapping.mode === 'stateless' ? undefined : mapping['nvram-template'];
	return {
		...common,
		device: 'flash',
		code: {path: mapping.executable.filename, format: mapping.executable.format},
		...(template ? {varsTemplate: {path: template.filename, format: template.format}} : {}),
	};
}
