export {type CommandLineInput, kernelCommandLine} from './kernel-command-line.js';
export {mergeInitrds} from './merge-initrds.js';
export {type BootRequest, initrdForQemu, planBoot} from './plan-boot.js';
