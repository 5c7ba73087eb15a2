import {type OptionDef, type ParsedArgs, type Tristate, UsageError, parseTristate, stringValue} from '@vmspawn/cli';

/** vmspawn-run's --register, defined here next to the code that gives it meaning. */
export const registerOptionDefs: readonly OptionDef[] = [
	{
		name: 'register',
		kind: 'value',
		valueName: 'BOOL',
		description: 'Register the VM with systemd-machined; auto: only where machined is available',
		defaultText: '$VMSPAWN_REGISTER, else auto',
		choices: ['yes', 'no', 'auto'],
	},
];

/** Overrides the default of --register, e.g. for a test suite on hosts without machined. */
export const REGISTER_ENV = 'VMSPAWN_REGISTER';

/** The newest upstream's default (v257+): register where machined is there and lets us, else boot all the same. */
export function defaultRegisterMode(): Tristate {
	return 'auto';
}

function environmentDefault(value: string): Tristate {
	try {
		return parseTristate('register', value);
	} catch {
		throw new UsageError(`invalid $${REGISTER_ENV}=${value}: expected a boolean (yes/no, true/false, on/off, 1/0) or auto`);
	}
}

/** --register=, else $VMSPAWN_REGISTER, else auto. */
export function readRegisterMode(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): Tristate {
	const value = stringValue(args, 'register');
	if (value !== undefined) {
		return parseTristate('register', value);
	}

	const fromEnvironment = env[REGISTER_ENV];
	return fromEnvironment === undefined || fromEnvironment === '' ? defaultRegisterMode() : environmentDefault(fromEnvironment);
}
