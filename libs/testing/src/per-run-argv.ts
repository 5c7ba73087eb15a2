/** The parts of a --dry-run's output that name one run's own things. */
export type DryRunOutput = {
	readonly plan: {
		readonly runtime?: {readonly dir: string};
		readonly network?: {readonly ports?: ReadonlyArray<{readonly hostPort: number; readonly picked?: boolean}>};
	};
	readonly argv: readonly string[];
};

/**
 * A dry run's qemu argv with its per-run parts (the runtime directory, the host ports
 * vmspawn-run picked, the VM generation ID) replaced by placeholders, so two runs of one VM compare equal.
 */
export function perRunNormalisedArgv({plan, argv}: DryRunOutput): string[] {
	const dir = plan.runtime?.dir;
	const picked = (plan.network?.ports ?? []).filter(port => port.picked).map(port => port.hostPort);
	return argv.map(word => {
		let normal = dir === undefined ? word : word.replaceAll(dir, '$RUNTIME_DIR');
		for (const port of picked) {
			normal = normal.replaceAll(`:${port}-`, ':$PICKED_PORT-');
		}

		// The VM generation ID is made afresh by every run.
		return normal.replace(/^vmgenid,guid=[\da-f-]{36}$/, 'vmgenid,guid=$VMGENID');
	});
}
