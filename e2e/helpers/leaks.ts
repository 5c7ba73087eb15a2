import {readdirSync} from 'node:fs';

export {processesMentioning, processesTagged, testTagVariable} from './processes.js';

/** Runtime directories of a machine left under the runtime base. */
export function runtimeDirsOf(
	machine: string,
	base = process.getuid?.() === 0 ? '/run/vmspawn' : `${process.env['XDG_RUNTIME_DIR'] ?? '/tmp'}/vmspawn`,
): string[] {
	try {
		// Exactly NAME-XXXXXXXX: another test's e2e-tpm-killed-... is not e2e-tpm's.
		return readdirSync(base).filter(entry => entry.startsWith(`${machine}-`) && /^[\da-f]{8}$/.test(entry.slice(machine.length + 1)));
	} catch {
		return [];
	}
}
