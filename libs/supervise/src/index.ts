export {launcherExitCodes} from './exit-codes.js';
export {type ConsoleAttach, type RunVmRequest, type RunVmResult, runVm} from './run-vm.js';
export {createRuntimeDir, removeRuntimeDir, removeStaleRuntimeDirs} from './runtime-dir.js';
export {type GuestNotification, readGuestNotification} from './guest-notify.js';
