export {AbsolutePath, HelperProcess, Tristate} from './common.js';
export {PlanError, planErrorFromZod} from './errors.js';
export {planJsonSchema, statusJsonSchema} from './json-schema.js';
export {lazySchema} from './lazy.js';
export {PLAN_MAX_BYTES, PLAN_MAX_DEPTH, planTooLarge} from './limits.js';
export {hasSection, withSection} from './merge.js';
export {PER_RUN_KEYWORD, perRun} from './per-run.js';
export {parsePlan, serializePlan, validatePlan} from './parse.js';
export {emptyPlan, type Plan, PlanSchema, type Section, type SectionName, planSections} from './plan.js';
export {Accelerator, MachineSection, QEMU_ARCHITECTURES, type QemuArch, QemuArchSchema} from './sections/machine.js';
export {type NetworkMode, NetworkSection, NoNetwork, PortForward, PortProtocol, TapNetwork, UserNetwork} from './sections/network.js';
export {BootSection} from './sections/boot.js';
export {ConsoleMode, ConsoleSection, ConsoleTransport} from './sections/console.js';
export {
	CredentialDelivery,
	CredentialEntry,
	CredentialId,
	CredentialSource,
	CredentialsSection,
	FW_CFG_CREDENTIAL_PREFIX,
	FW_CFG_NAME_MAX,
} from './sections/credentials.js';
export {FirmwareFile, FirmwareNvram, FirmwareSection, FlashFormat} from './sections/firmware.js';
export {
	BindUser,
	DirectoryRoot,
	DiskFormat,
	diskFormatNames,
	DiskType,
	diskTypeNames,
	EphemeralCopy,
	EphemeralOverlay,
	ExtraDrive,
	FsRoot,
	FsSection,
	FsShare,
	IdMapping,
	ImageRoot,
	VirtiofsShare,
} from './sections/fs.js';
export {RuntimeSection} from './sections/runtime.js';
export {SshAddress, SshSection} from './sections/ssh.js';
export {JournalSection} from './sections/journal.js';
export {CidSource, VsockSection} from './sections/vsock.js';
export {TpmManufacture, TpmSection} from './sections/tpm.js';
export {STATUS_FORMAT_VERSION, StatusProcess, VmState, VmStatusSchema, type VmStatus} from './status.js';
export {PLAN_FORMAT_MAJOR, PLAN_FORMAT_VERSION, versionProblem} from './version.js';
export {stateBesideRoot} from './state-beside-root.js';
