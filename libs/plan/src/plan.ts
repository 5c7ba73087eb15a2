import * as z from 'zod';
import {lazySchema} from './lazy.js';
import {BootSection} from './sections/boot.js';
import {ConsoleSection} from './sections/console.js';
import {CredentialsSection} from './sections/credentials.js';
import {FirmwareSection} from './sections/firmware.js';
import {FsSection} from './sections/fs.js';
import {JournalSection} from './sections/journal.js';
import {MachineSection} from './sections/machine.js';
import {NetworkSection} from './sections/network.js';
import {RuntimeSection} from './sections/runtime.js';
import {SshSection} from './sections/ssh.js';
import {TpmSection} from './sections/tpm.js';
import {VsockSection} from './sections/vsock.js';
import {PLAN_FORMAT_VERSION} from './version.js';

/**
 * One JSON document describing a VM to start. Every section is optional: a stage
 * fills its own, vmspawn-run fills whatever is still missing. Unknown keys pass
 * through untouched so a newer minor version or a user's own script can add data.
 */
export const planSections = {
	machine: MachineSection,
	boot: BootSection,
	console: ConsoleSection,
	runtime: RuntimeSection,
	firmware: FirmwareSection,
	fs: FsSection,
	vsock: VsockSection,
	network: NetworkSection,
	tpm: TpmSection,
	credentials: CredentialsSection,
	ssh: SshSection,
	journal: JournalSection,
} as const;

// Each field of a plan, built on demand: a stage reads a plan of a few sections, and building the
// schemas of all twelve cost it more than validating what it read (see planSchemaFor).
const planFields = {
	version: () => z.string().describe(`Plan format version, MAJOR.MINOR (this code writes ${PLAN_FORMAT_VERSION})`),
	machine: () => MachineSection.optional(),
	boot: () => BootSection.optional(),
	console: () => ConsoleSection.optional(),
	runtime: () => RuntimeSection.optional(),
	// null: no firmware, a direct kernel boot with qemu's built-in BIOS (--firmware=none).
	firmware: () => FirmwareSection.nullable().optional(),
	fs: () => FsSection.optional(),
	vsock: () => VsockSection.optional(),
	network: () => NetworkSection.optional(),
	tpm: () => TpmSection.optional(),
	credentials: () => CredentialsSection.optional(),
	ssh: () => SshSection.optional(),
	journal: () => JournalSection.optional(),
};
type PlanShape = {[Field in keyof typeof planFields]: ReturnType<(typeof planFields)[Field]>};
type PlanField = keyof PlanShape;

function planObject(fields: readonly PlanField[]) {
	return z.looseObject(Object.fromEntries(fields.map(field => [field, planFields[field]()])) as PlanShape);
}

export const PlanSchema = lazySchema(() => planObject(Object.keys(planFields) as PlanField[]));

/**
 * PlanSchema with only the fields `value` has: the same output and the same issues for that value,
 * since an absent optional field adds nothing to either, and the fields keep their order.
 */
export function planSchemaFor(value: object): typeof PlanSchema {
	const fields = (Object.keys(planFields) as PlanField[]).filter(field => field === 'version' || field in value);
	return planObject(fields);
}

export type Plan = z.infer<typeof PlanSchema>;
export type SectionName = keyof typeof planSections;
export type Section<Name extends SectionName> = z.infer<(typeof planSections)[Name]>;

export function emptyPlan(): Plan {
	return {version: PLAN_FORMAT_VERSION};
}
