import {randomBytes} from 'node:crypto';
import {join} from 'node:path';

/**
 * Where private runtime directories live: /run/vmspawn for root, else
 * $XDG_RUNTIME_DIR/vmspawn, else a per-user directory under $TMPDIR.
 */
export function runtimeBase(env: NodeJS.ProcessEnv = process.env, uid: number = process.getuid?.() ?? 0): string {
	if (env['VMSPAWN_RUNTIME_DIR']) {
		return env['VMSPAWN_RUNTIME_DIR'];
	}

	if (uid === 0) {
		return '/run/vmspawn';
	}

	if (env['XDG_RUNTIME_DIR']) {
		return join(env['XDG_RUNTIME_DIR'], 'vmspawn');
	}

	return join(env['TMPDIR'] ?? '/tmp', `vmspawn-${uid}`);
}

/** A fresh private runtime directory path for one run (short: socket paths must stay under 108 bytes). */
export function newRuntimeDir(machineName: string, env: NodeJS.ProcessEnv = process.env): string {
	return join(runtimeBase(env), `${machineName.slice(0, 20)}-${randomBytes(4).toString('hex')}`);
}
