import {readFileSync} from 'node:fs';
import {type FsHost, type VirtiofsdFeatures, parseVirtiofsdHelp} from '../../src/index.js';

export type Flavour = 'c' | 'rust' | 'rust-older';

const fixtures: Record<Flavour, string> = {
	c: 'virtiofsd-c-qemu-7.2.help.txt',
	rust: 'virtiofsd-rust-1.13.help.txt',
	'rust-older': 'virtiofsd-rust-older.help.txt',
};

export function fixtureFeatures(flavour: Flavour): VirtiofsdFeatures {
	const help = readFileSync(new URL(`../fixtures/${fixtures[flavour]}`, import.meta.url), 'utf8');
	const features = parseVirtiofsdHelp(help);
	if (!features) {
		throw new Error(`fixture ${fixtures[flavour]} was not recognised`);
	}

	return features;
}

/** A host whose virtiofsd answers --help like the given fixture; nothing is run. */
export function fakeHost(flavour: Flavour, asRoot = true): FsHost {
	return {
		virtiofsd: () => ({path: flavour === 'c' ? '/usr/lib/qemu/virtiofsd' : '/usr/libexec/virtiofsd', features: fixtureFeatures(flavour)}),
		readOnlyTools: () => ({unshare: '/usr/bin/unshare', mount: '/usr/bin/mount', shell: '/bin/sh'}),
		asRoot,
		users: {user: () => undefined, group: () => undefined},
	};
}
