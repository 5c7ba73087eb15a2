import type {OptionDef} from '@vmspawn/cli';

/** vmspawn-run's credential options, defined next to the code that gives them meaning. */
export const credentialOptionDefs: readonly OptionDef[] = [
	{
		name: 'set-credential',
		kind: 'value',
		multiple: true,
		valueName: 'ID:VALUE',
		description: 'Pass a credential to the guest; C escapes such as \\n and \\x00 are decoded; ID:- reads the value from standard input',
	},
	{
		name: 'load-credential',
		kind: 'value',
		multiple: true,
		valueName: 'ID:PATH',
		description: 'Pass a credential read from a file or AF_UNIX socket, or a bare name from $CREDENTIALS_DIRECTORY',
	},
];
