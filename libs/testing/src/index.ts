// Helpers the tests of several packages share. Private, and only ever a devDependency:
// nothing here may reach a tool's bundle.
export {completeInBash} from './complete-in-bash.js';
export {completionSyntaxError, shellInstalled} from './check-syntax.js';
export {type ImitatedDevice, type ImitationOptions, imitatedVsockDevice} from './imitated-device.js';
export {manualOptionTerms, missingOptions, optionSpellings, roffText} from './manual-options.js';
export {type InProcessOptions, type InProcessRun, runInProcess} from './run-in-process.js';
export {type CliRun, runSourceCli} from './run-source-cli.js';
export {scratchDir} from './scratch.js';
export {completionSyntaxTests, manualConformanceTests} from './tool-conformance-tests.js';
export {type DryRunOutput, perRunNormalisedArgv} from './per-run-argv.js';
export {type FakeAnswer, type FakeHost, type FakeHostOptions, debianPrograms, fakeHost} from './fake-host.js';
export {debianFirmwareDescriptors, fakeHostEnv, fixtureText} from './fixtures.js';
