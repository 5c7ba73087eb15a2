export {findBinary} from './find-binary.js';
export {type HostFs, realHostFs} from './host-fs.js';
export {probeKvm} from './kvm.js';
export {type AdoptedFds, LISTEN_FDS_START, type ListenFds, adoptListenFds, parseListenFds} from './listen-fds.js';
export {type Probe, available, probeError, unavailable} from './probe.js';
export {kernelRandomBytes} from './random.js';
export {newRuntimeDir, prepareRuntimeBase, runtimeBase, runtimeBaseProblem, runtimeBaseRule, runtimeDirNamePattern} from './runtime-dir.js';
export {
	type DirectoryRule,
	type PathProblem,
	octalMode,
	ownDirectoryProblem,
	ownDirectoryStatsProblem,
	ownFileStatsProblem,
	verifyOwnDirectory,
} from './own-directory.js';
export {chmodOwnNoFollow, createExclusiveFile, createExclusiveFileSync, readOwnFile} from './exclusive-file.js';
export {type FileLock, locksOn, vmLocks} from './file-locks.js';
export {type CommandResult, type RunCommand, describeEnd, outputTail, runCommand} from './run-command.js';
export {type ProcessIdentity, currentProcessIdentity, isProcessRunning, parseProcStat, processStartTime} from './process-identity.js';
export {type StreamListener, listenUnixStream, listenVsockStream} from './stream-listener.js';
export {notifyServiceManager} from './sd-notify.js';
export {closeQuietly} from './close-quietly.js';
export {ephemeralCopyPath, ephemeralCopyRecord, isEphemeralCopyPath, removeRecordedCopy} from './ephemeral-copy.js';
export {type Host, type RunCommandSync, realHost, runCommandSync} from './host.js';
export {type ToolIo, processIo} from './tool-io.js';
export {type DeviceOpen, type SetCidResult, VHOST_VSOCK_PATH, type VsockDevice, openFailure, vhostVsockSetGuestCid} from './vsock-device.js';
export {type RealDeviceOptions, hostVsockDevice, realVsockDevice} from './real-vsock-device.js';
