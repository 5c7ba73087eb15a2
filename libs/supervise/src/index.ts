export {launcherExitCodes} from './exit-codes.js';
export {type ConsoleAttach, type RunVmRequest, type RunVmResult, runVm} from './run-vm.js';
export {createRuntimeDir, removeRuntimeDir, removeStaleRuntimeDirs} from './runtime-dir.js';
export {type GuestNotification, readGuestNotification} from './guest-notify.js';
export {readStatusFile, statusFileName, statusFilePath, writeStatusFile} from './status-file.js';
export {type StatusRecorder, type VmDescription, recordStatus} from './status-recorder.js';
export {type DescribedPlan, describeVm} from './describe-vm.js';
export {listRunningVms} from './list-vms.js';
export {formatVmTable} from './format-vm-list.js';
