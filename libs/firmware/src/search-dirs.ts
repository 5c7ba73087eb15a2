import {homedir} from 'node:os';
import {isAbsolute, join, resolve} from 'node:path';

/**
 * Where QEMU firmware descriptors live, most specific first, as QEMU and upstream
 * search them. VMSPAWN_FIRMWARE_DIRS (colon separated) replaces the list, for tests
 * and for hosts that keep descriptors elsewhere.
 */
export function firmwareSearchDirs(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string[] {
	const override = env['VMSPAWN_FIRMWARE_DIRS'];
	if (override !== undefined && override !== '') {
		// Made absolute: a descriptor's path ends up in the plan.
		return override
			.split(':')
			.filter(Boolean)
			.map(directory => resolve(directory));
	}

	// The XDG base directory spec says a relative $XDG_CONFIG_HOME is to be ignored.
	const configHome = env['XDG_CONFIG_HOME'] && isAbsolute(env['XDG_CONFIG_HOME']) ? env['XDG_CONFIG_HOME'] : join(home, '.config');
	return [join(configHome, 'qemu/firmware'), '/etc/qemu/firmware', '/usr/share/qemu/firmware'];
}
