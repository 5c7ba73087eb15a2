import {readdirSync, readFileSync} from 'node:fs';

/** Processes whose command line mentions `needle` (e.g. a machine name or runtime directory). */
export function processesMentioning(needle: string): string[] {
	const found: string[] = [];
	for (const pid of readdirSync('/proc').filter(entry => /^\d+$/.test(entry))) {
		try {
			const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
			if (cmdline.includes(needle) && Number(pid) !== process.pid) {
				found.push(`${pid}: ${cmdline.trim()}`);
			}
		} catch {
			// The process ended while we looked.
		}
	}

	return found;
}

/** Runtime directories of a machine left under the runtime base. */
export function runtimeDirsOf(machine: string, base = process.getuid?.() === 0 ? '/run/vmspawn' : `${process.env['XDG_RUNTIME_DIR'] ?? '/tmp'}/vmspawn`): string[] {
	try {
		// Exactly NAME-XXXXXXXX: another test's e2e-tpm-killed-... is not e2e-tpm's.
		return readdirSync(base).filter(entry => entry.startsWith(`${machine}-`) && /^[\da-f]{8}$/.test(entry.slice(machine.length + 1)));
	} catch {
		return [];
	}
}

/** The environment variable that marks a test's processes: process.title hides argv, the environment stays. */
export const testTagVariable = 'VMSPAWN_E2E_TAG';

/**
 * Processes (and their children, which inherit the environment) started with
 * VMSPAWN_E2E_TAG=tag. Needed for vmspawn-run itself: meow sets process.title, which
 * replaces its /proc/PID/cmdline with the bare tool name.
 */
export function processesTagged(tag: string): string[] {
	const found: string[] = [];
	for (const pid of readdirSync('/proc').filter(entry => /^\d+$/.test(entry))) {
		try {
			const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
			if (environ.includes(`${testTagVariable}=${tag}`) && Number(pid) !== process.pid) {
				found.push(`${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()}`);
			}
		} catch {
			// The process ended while we looked.
		}
	}

	return found;
}
