export {REGISTER_ENV, defaultRegisterMode, readRegisterMode, registerOptionDefs} from './cli-options.js';
export {REGISTER_CLASS, REGISTER_MACHINE_SIGNATURE, REGISTER_SERVICE, type MachineIdentity, type RegisterMachineArgs, machineIdentity, registerMachineArgs, uuidBytes} from './machine-args.js';
export {type ConnectMachineBus, type MachineBus, MachineBusError, isMachinedAbsent} from './machine-bus.js';
export {type Registration, type RegistrationOptions, machineRegistration} from './registration.js';
export {BUS_TIMEOUT_MS, connectSystemBus, systemBusAddress} from './system-bus.js';
