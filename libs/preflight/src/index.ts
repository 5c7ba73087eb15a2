export type {CheckResult, CheckStatus} from './check-result.js';
export {SOCKET_PATH_MAX} from './checks/sockets.js';
export {formatChecks} from './format-checks.js';
export type {PreflightInput} from './run-input.js';
export {preflightPassed, runPreflight} from './run-checks.js';
