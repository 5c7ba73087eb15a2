export {type CompletePlan, type HostContext, completePlan} from './complete-plan.js';
export {type Invocation, type InvocationContext, buildInvocation, findQemu} from './invocation.js';
export {refuseVanishedPaths} from './check-paths.js';
export {type RunOptions, optionsBySection} from './run-options.js';
