export {type CommandLineInput, kernelCommandLine} from './kernel-command-line.js';
export {mergeInitrds} from './merge-initrds.js';
export {type BootRequest, initrdForQemu, planBoot} from './plan-boot.js';
export {type BootEntry, defaultBootEntry, findBootEntries} from './boot-entries.js';
export {type GptHeader, type GptPartition, maxGptEntries, parseGpt, parseGptEntries, parseGptHeader, readGptPartitions, rootArgumentFor} from './gpt.js';
