export {type AcceleratorChoice, chooseAccelerator} from './accelerator.js';
export {defaultMachineName, isValidMachineName} from './machine-name.js';
export {type MachineRequest, planMachine} from './plan-machine.js';
export {parseMachineUuid} from './uuid.js';
export {type RamRequest, parseRam} from './ram.js';
export {vmGenerationId} from './vmgenid.js';
