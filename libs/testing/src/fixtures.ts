import {readFileSync} from 'node:fs';

/** A file under libs/testing/fixtures: real output of the programs the fake host stands for (see the READMEs there). */
export function fixtureText(name: string): string {
	return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** Debian 12's firmware descriptors (package ovmf 2022.11-6+deb12u2), as /usr/share/qemu/firmware has them. */
export const debianFirmwareDescriptors: string = new URL('../fixtures/firmware-debian-12', import.meta.url).pathname;

/**
 * The environment a test of the fake host runs in: firmware is selected from Debian 12's
 * descriptors (VMSPAWN_FIRMWARE_DIRS) unless the test names its own, so no OVMF need be installed.
 */
export function fakeHostEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	return env['VMSPAWN_FIRMWARE_DIRS'] === undefined ? {...env, VMSPAWN_FIRMWARE_DIRS: debianFirmwareDescriptors} : env;
}
