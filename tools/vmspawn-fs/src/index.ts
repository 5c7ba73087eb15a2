export {main} from './main.js';
export {readFsStageOptions} from './read-options.js';
export {spec} from './spec.js';
