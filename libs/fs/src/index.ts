export {type Bind, parseBind, parseBinds, splitBind} from './bind.js';
export {type BindUserOptions, type BindUserShell, type UserDb, bindUserHomeBase, parseBindUserOptions, planBindUsers} from './bind-user.js';
export {type HostGroup, type HostUser, hostHashedPassword, lookupHostGroup, lookupHostUser} from './host-users.js';
export {bindUserCredentials} from './user-records.js';
export {
	type DiskInfo,
	type DriveRequest,
	diskFormats,
	diskTypes,
	inspectDisk,
	parseDiskFormat,
	parseDiskType,
	parseDriveRequest,
	parseGrowImage,
} from './disk.js';
export {type FsHost, fsHost} from './fs-host.js';
export {directoryRootArgs, mountExtraArg, xescape} from './kernel-args.js';
export {type FsContext, type FsOptions, planFs} from './plan-fs.js';
export {defaultIdRange, parsePrivateUsers} from './private-users.js';
export {type ShareRequest, shareHelper, shareSocket} from './share.js';
export {type FsStageOptions, applyFs} from './stage.js';
export {type IdMap, type VirtiofsdRequest, virtiofsdArgv} from './virtiofsd/argv.js';
export {type VirtiofsdFeatures, parseVirtiofsdHelp} from './virtiofsd/features.js';
export {
	type Virtiofsd,
	chooseVirtiofsd,
	findVirtiofsd,
	locateVirtiofsd,
	probeVirtiofsd,
	virtiofsdCandidates,
	virtiofsdFallbacks,
	virtiofsdFeatures,
} from './virtiofsd/locate.js';
export {type ReadOnlyTools, readOnlyWrapper} from './virtiofsd/read-only.js';
export {fsOptionDefs, readFsOptions} from './cli-options.js';
export {createOverlay, growImage, prepareImageRoot} from './prepare-root.js';
export {createEphemeralCopy} from './ephemeral-copy.js';
