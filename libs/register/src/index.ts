export {REGISTER_ENV, defaultRegisterMode, readRegisterMode, registerOptionDefs} from './cli-options.js';
export {
	REGISTER_CLASS,
	REGISTER_MACHINE_SIGNATURE,
	REGISTER_SERVICE,
	type MachineIdentity,
	type RegisterMachineArgs,
	machineIdentity,
	registerMachineArgs,
	uuidBytes,
} from './machine-args.js';
export {type ConnectMachineBus, type MachineBus, MachineBusError, isMachinedAbsent} from './machine-bus.js';
export {type Registration, type RegistrationOptions, machineRegistration, machinedConnector} from './registration.js';
export {BUS_TIMEOUT_MS, connectMachined, connectSystemBus, systemBusAddress} from './system-bus.js';
export {KEEP_UNIT_ENV, type RuntimeScope, type ScopeRequest, readScopeOptions, scopeOptionDefs} from './scope-options.js';
export {type ScopeProperty, knownScopeProperties, parseScopeProperty} from './scope-properties.js';
export {type ConnectManagerBus, type ManagerBus, connectManager} from './scope-bus.js';
export {type MachineScope, type ScopeOptions, effectiveRuntimeScope, machineScope, scopeProperties, scopeUnitName, userBusAddress} from './scope.js';
export {type MachineImage, findMachineImage, machineSearchDirs} from './machine-image.js';
