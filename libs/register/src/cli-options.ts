import {type OptionDef, type ParsedArgs, type Tristate, UsageError, parseTristate, stringValue} from '@vmspawn/cli';

/** vmspawn-run's --register, defined here next to the code that gives it meaning. */
export const registerOptionDefs: readonly OptionDef[] = [
	{name: 'register', kind: 'value', valueName: 'BOOL', description: 'Register the VM with systemd-machined; auto: only where machined is available', defaultText: '$VMSPAWN_REGISTER, else yes as root and no otherwise', choices: ['yes', 'no', 'auto']},
];

/** Overrides the default of --register, e.g. for a test suite on hosts without machined. */
export const REGISTER_ENV = 'VMSPAWN_REGISTER';

/** systemd-vmspawn v256's default: registering needs privileged D-Bus calls, so only root tries. */
export function defaultRegisterMode(uid: number | undefined): Tristate {
	return uid === 0 ? 'yes' : 'no';
}

function environmentDefault(value: string): Tristate {
	try {
		return parseTristate('register', value);
	} catch {
		throw new UsageError(`invalid $${REGISTER_ENV}=${value}: expected a boolean (yes/no, true/false, on/off, 1/0) or auto`);
	}
}

/** --register=, else $VMSPAWN_REGISTER, else yes for root and no for everyone else. */
export function readRegisterMode(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env, uid = process.getuid?.()): Tristate {
	const value = stringValue(args, 'register');
	if (value !== undefined) {
		return parseTristate('register', value);
	}

	const fromEnvironment = env[REGISTER_ENV];
	return fromEnvironment === undefined || fromEnvironment === '' ? defaultRegisterMode(uid) : environmentDefault(fromEnvironment);
}
