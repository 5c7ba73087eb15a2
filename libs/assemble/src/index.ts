export {type CompletePlan, type RunOptions, completePlan} from './complete-plan.js';
export {type Invocation, buildInvocation, findQemu} from './invocation.js';
