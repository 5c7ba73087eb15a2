export {CID_DERIVATION_KEY, CID_MAX, CID_MIN, DERIVED_CANDIDATES, RANDOM_CANDIDATES, type RandomCid, deriveCids, randomCid} from './cid.js';
export {type ClaimedCid, claimCid} from './claim.js';
export {type Detection, detectVsock} from './detect.js';
export {parseVsockCid} from './parse-cid.js';
export {type VsockRequest, planVsock} from './plan-vsock.js';
export {type CidChoice, automaticCandidates, firstFreeCid, selectCid} from './select.js';
export {type VsockOptions, readVsockOptions, vsockOptionDefs} from './cli-options.js';
