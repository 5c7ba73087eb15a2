import {shellLine} from '@vmspawn/cli';
import type {VmStatus} from '@vmspawn/plan';

const headers = ['NAME', 'STATE', 'PID', 'CID', 'CONSOLE', 'STARTED', 'ROOT', 'SSH'] as const;

function row(status: VmStatus): string[] {
	return [
		status.name,
		status.state,
		String(status.pid),
		status.vsockCid === undefined ? '-' : String(status.vsockCid),
		status.console,
		// Whole seconds are enough to tell runs apart by eye.
		status.startedAt.replace(/\.\d+(?=Z|[+-]\d\d:\d\d$)/, ''),
		status.root.path,
		status.ssh ? shellLine(status.ssh.command) : '-',
	];
}

/** The `--list` table: a header and one line per VM, or one line saying there is none. */
export function formatVmTable(statuses: readonly VmStatus[]): string {
	if (statuses.length === 0) {
		return 'No running VMs.\n';
	}

	const rows = [[...headers], ...statuses.map(row)];
	const widths = headers.map((_, column) => Math.max(...rows.map(cells => cells[column]!.length)));
	// The last column is not padded: no trailing blanks.
	const lines = rows.map(cells => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '));
	return `${lines.join('\n')}\n`;
}
