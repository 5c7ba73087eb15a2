import {type OptionDef, type ParsedArgs, parseBoolean, stringValue} from '@vmspawn/cli';
import {checkKeyType} from './key-type.js';

/** vmspawn-run's SSH options, as in systemd-vmspawn v256. */
export const sshOptionDefs: readonly OptionDef[] = [
	{
		name: 'pass-ssh-key',
		kind: 'value',
		valueName: 'BOOL',
		description: 'Make an ephemeral SSH key pair, pass its public key to the guest as credentials and print how to log in',
		defaultText: 'yes',
	},
	{
		name: 'ssh-key-type',
		kind: 'value',
		valueName: 'TYPE',
		description: 'Type of the ephemeral key, as ssh-keygen -t takes it (ed25519, rsa, ecdsa, ...)',
		defaultText: 'ed25519',
	},
];

export type SshOptions = {
	readonly pass: boolean;
	/** True when the user said --pass-ssh-key=yes: then a missing ssh-keygen is an error, not a notice. */
	readonly explicit: boolean;
	readonly keyType: string;
};

export const DEFAULT_SSH_KEY_TYPE = 'ed25519';

export function readSshOptions(args: ParsedArgs): SshOptions {
	const pass = stringValue(args, 'pass-ssh-key');
	const keyType = stringValue(args, 'ssh-key-type');
	return {
		pass: pass === undefined || pass === '' ? true : parseBoolean('pass-ssh-key', pass),
		explicit: pass !== undefined && pass !== '',
		keyType: keyType === undefined || keyType === '' ? DEFAULT_SSH_KEY_TYPE : checkKeyType(keyType),
	};
}
