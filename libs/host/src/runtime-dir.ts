import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {type DirectoryRule, type PathProblem, ownDirectoryProblem, verifyOwnDirectory} from './own-directory.js';
import {kernelRandomBytes} from './random.js';

function currentUid(): number {
	return process.getuid?.() ?? 0;
}

/**
 * Where private runtime directories live: /run/vmspawn for root, else
 * $XDG_RUNTIME_DIR/vmspawn, else a per-user directory under $TMPDIR.
 */
export function runtimeBase(env: NodeJS.ProcessEnv = process.env, uid: number = currentUid()): string {
	if (env['VMSPAWN_RUNTIME_DIR']) {
		return env['VMSPAWN_RUNTIME_DIR'];
	}

	return trustedRuntimeBase(env, uid) ?? join(env['TMPDIR'] ?? '/tmp', `vmspawn-${uid}`);
}

// The bases inside a directory no other user can write to: root's /run and the per-user $XDG_RUNTIME_DIR.
function trustedRuntimeBase(env: NodeJS.ProcessEnv, uid: number): string | undefined {
	if (uid === 0) {
		return '/run/vmspawn';
	}

	return env['XDG_RUNTIME_DIR'] ? join(env['XDG_RUNTIME_DIR'], 'vmspawn') : undefined;
}

/**
 * How closed `base` must be. Under /run or $XDG_RUNTIME_DIR only we can write to
 * it; anywhere else ($TMPDIR, $VMSPAWN_RUNTIME_DIR) another user may have made
 * it first, so it must be 0700 and ours.
 */
export function runtimeBaseRule(base: string, env: NodeJS.ProcessEnv = process.env, uid: number = currentUid()): DirectoryRule {
	return base === trustedRuntimeBase(env, uid) ? 'closed-to-writes' : 'private';
}

/** What is wrong with an existing runtime base ('missing' when there is none yet); undefined when it is safe to use. */
export function runtimeBaseProblem(base: string, env: NodeJS.ProcessEnv = process.env): PathProblem | 'missing' | undefined {
	return ownDirectoryProblem(base, runtimeBaseRule(base, env));
}

/**
 * Creates the runtime base when missing, then refuses it in one line unless it
 * is a real directory of ours that no other user can write to (or, outside
 * /run and $XDG_RUNTIME_DIR, enter): one that someone else made first could
 * swap our sockets and status files, or plant runs.
 */
export function prepareRuntimeBase(base: string, env: NodeJS.ProcessEnv = process.env): void {
	const rule = runtimeBaseRule(base, env);
	mkdirSync(base, {recursive: true, mode: rule === 'private' ? 0o700 : 0o755});
	verifyOwnDirectory(base, rule, 'the runtime directory base');
}

/** The names newRuntimeDir gives: the machine name's first 20 characters, a dash, 8 hex digits. */
export const runtimeDirNamePattern = /^[^/]{1,20}-[\da-f]{8}$/;

/** A fresh private runtime directory path for one run (short: socket paths must stay under 108 bytes). */
export function newRuntimeDir(machineName: string, env: NodeJS.ProcessEnv = process.env): string {
	return join(runtimeBase(env), `${machineName.slice(0, 20)}-${kernelRandomBytes(4).toString('hex')}`);
}
