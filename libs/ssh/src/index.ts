export {DEFAULT_SSH_KEY_TYPE, type SshOptions, readSshOptions, sshOptionDefs} from './cli-options.js';
export {sshCommand} from './command.js';
export {AUTHORIZED_KEYS_CREDENTIAL, FORWARDED_GUEST_PORT, LISTEN_CREDENTIAL, sshCredentials} from './guest-credentials.js';
export {checkKeyType} from './key-type.js';
export {SshKeyPair} from './key-pair.js';
export {type KeygenRequest, findSshKeygen, generateKeyPair} from './keygen.js';
export {type SshPlanRequest, planSsh, sshKeyDir} from './plan-ssh.js';
export {writePrivateKey} from './write-key.js';
