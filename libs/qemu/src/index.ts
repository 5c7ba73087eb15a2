export {type ArchTraits, archTraits, hostQemuArch} from './arch.js';
export {commandLineArgs} from './args/boot.js';
export {consoleArgs, hasVirtioConsole} from './args/console.js';
export {acceleratorArgs, machineArgs} from './args/machine.js';
export {qemuBinaryCandidates} from './binary.js';
export {type QemuArgv, type QemuInput, buildQemuArgv} from './build-argv.js';
export {escapeValue, keyValues} from './escape.js';
export {qmpArgs, qmpExecute} from './qmp.js';
