export {main} from './main.js';
export {spec} from './spec.js';
export {CLAIMED_SYSTEMD_VERSION, DROP_IN_NAME, specForInvocation} from './drop-in.js';
