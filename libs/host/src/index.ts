export {findBinary} from './find-binary.js';
export {type HostFs, realHostFs} from './host-fs.js';
export {probeKvm} from './kvm.js';
export {LISTEN_FDS_START, type ListenFds, parseListenFds} from './listen-fds.js';
export {type Probe, available, probeError, unavailable} from './probe.js';
export {newRuntimeDir, runtimeBase} from './runtime-dir.js';
export {type FileLock, locksOn} from './file-locks.js';
export {type CommandResult, type RunCommand, describeEnd, outputTail, runCommand} from './run-command.js';
export {type ProcessIdentity, currentProcessIdentity, isProcessRunning, parseProcStat, processStartTime} from './process-identity.js';
