export {type Io, main} from './main.js';
export {spec} from './spec.js';
