export {type CompletePlan, type CompletedPlan, type HostContext, completePlan} from './complete-plan.js';
export {type GuestNotifySetup, NOTIFY_CREDENTIAL, type VsockListen, openGuestNotify} from './fill-notify.js';
export {type Invocation, type InvocationContext, buildInvocation, findQemu} from './invocation.js';
export {refuseVanishedPaths} from './check-paths.js';
export {type RunOptions, optionsBySection} from './run-options.js';
export {type PlanRunRequest, type PlannedRun, planRun} from './plan-run.js';
export {type StartRunRequest, startRun} from './start-run.js';
export {perRunFields} from './per-run-fields.js';
export {type Replay, replayPlan} from './replay-plan.js';
