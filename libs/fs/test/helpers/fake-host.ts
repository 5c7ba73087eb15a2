import {debianPrograms, fakeHost, fixtureText} from '@vmspawn/testing';
import {type FsHost, type VirtiofsdFeatures, fsHost, parseVirtiofsdHelp} from '../../src/index.js';

export type Flavour = 'c' | 'rust' | 'rust-older';

const helpTexts: Record<Flavour, string> = {
	c: 'virtiofsd/virtiofsd-c-qemu-7.2.help.txt',
	rust: 'virtiofsd/virtiofsd-rust-1.13.help.txt',
	'rust-older': 'virtiofsd/virtiofsd-rust-older.help.txt',
};

export function fixtureFeatures(flavour: Flavour): VirtiofsdFeatures {
	const features = parseVirtiofsdHelp(fixtureText(helpTexts[flavour]));
	if (!features) {
		throw new Error(`fixture ${helpTexts[flavour]} was not recognised`);
	}

	return features;
}

/** What planning shares sees of the fake host, with a virtiofsd of the given flavour where Debian puts it. */
export function fakeFsHost(flavour: Flavour, asRoot = true): FsHost {
	const virtiofsd = flavour === 'c' ? '/usr/lib/qemu/virtiofsd' : '/usr/libexec/virtiofsd';
	const host = fakeHost({
		euid: asRoot ? 0 : 1000,
		programs: {...debianPrograms, virtiofsd},
		answers: {[`${virtiofsd} --help`]: {stdout: fixtureText(helpTexts[flavour])}},
	});
	return fsHost(host, {PATH: '/usr/bin:/bin'});
}
