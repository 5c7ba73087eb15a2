export {SipHash24, siphash24} from './siphash.js';
