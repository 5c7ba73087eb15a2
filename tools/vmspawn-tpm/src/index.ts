export {main} from './main.js';
export {spec} from './spec.js';
