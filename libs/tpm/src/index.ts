export {type CapabilityDetector, type SetupCapabilities, cachedCapabilityDetector, detectSetupCapabilities, parseSetupCapabilities} from './capabilities.js';
export {type TpmDecision, type TpmHost, decideTpm, realTpmHost} from './decide.js';
export {PERMANENT_STATE_FILE, manufactureArgv, swtpmHelper} from './describe.js';
export {type ManufactureOptions, type ManufactureResult, manufactureTpmState} from './manufacture.js';
export {type TpmRequest, planTpm} from './plan-tpm.js';
export {type CommandResult, type RunCommand, runCommand} from '@vmspawn/host';
export {type TpmStageOptions, addTpmSection, planImage} from './stage.js';
export {type StateLocation, type TpmStateRequest, parseTpmState, stateLocation} from './state.js';
export {type TpmOptions, readTpmOptions, tpmOptionDefs} from './cli-options.js';
