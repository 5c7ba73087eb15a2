export {findFreeTcpPort} from './free-port.js';
export {id128Key, parseId128} from './id128.js';
export {MACHINE_ID_PATH, type MachineIdReader, hostMachineId, readHostMachineId} from './machine-id.js';
export {NETWORK_MAC_VARIABLE, macFromEnvironment} from './mac-env.js';
export {TAP_MAC_KEY, deriveMac, formatMac, parseMac} from './mac.js';
export {type NetworkPlan, type NetworkRequest, planNetwork} from './plan-network.js';
export {DEFAULT_HOST_ADDRESS, parsePortForward, parsePortForwards} from './port.js';
export {IFNAMSIZ, IFNAME_SHORTEN_KEY, type TapName, tapName} from './tap-name.js';
export {type NetworkOptions, networkOptionDefs, readNetworkOptions} from './cli-options.js';
