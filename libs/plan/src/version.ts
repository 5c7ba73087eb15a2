/**
 * The plan format this code writes: MAJOR.MINOR. A newer MINOR only adds optional fields.
 * 1.1: credential entries say where their value came from (`source`), forwarded ports
 * vmspawn-run picked say so (`picked`), so a saved plan replays.
 * 1.2: fs.bindUsers (--bind-user=), fs.root.ephemeral for a directory root (--ephemeral); the
 * TPM manufacture's marker, config files and what swtpm left out (`tpm.manufacture.marker`,
 * `files`, `omitted`); memory hotplug (`machine.ramMaxMiB`, `ramSlots`); `console.transport`.
 */
export const PLAN_FORMAT_VERSION = '1.2';
export const PLAN_FORMAT_MAJOR = 1;

const versionPattern = /^(\d+)\.(\d+)$/;

/** Returns why a version cannot be read by this code, or undefined when it can. */
export function versionProblem(version: unknown): string | undefined {
	if (version === undefined) {
		return 'missing: a plan names its format version, e.g. "1.0"';
	}

	const match = typeof version === 'string' ? versionPattern.exec(version) : null;
	if (!match) {
		return `expected a version string like "${PLAN_FORMAT_VERSION}", got ${JSON.stringify(version)}`;
	}

	const major = Number(match[1]);
	if (major > PLAN_FORMAT_MAJOR) {
		return `the plan is format ${version}, newer than this vmspawn understands (${PLAN_FORMAT_MAJOR}.x); update vmspawn`;
	}

	if (major < PLAN_FORMAT_MAJOR) {
		return `the plan is format ${version}, older than this vmspawn reads (${PLAN_FORMAT_MAJOR}.x); recreate it with the current tools`;
	}

	return undefined;
}
