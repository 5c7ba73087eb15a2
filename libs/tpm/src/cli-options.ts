import {type OptionDef, type ParsedArgs, type Tristate, parseTristate, stringValue} from '@vmspawn/cli';
import {type TpmStateRequest, parseTpmState} from './state.js';

/** The TPM options vmspawn-tpm and vmspawn-run share, defined once for help and parsing. */
export const tpmOptionDefs: readonly OptionDef[] = [
	{
		name: 'tpm',
		kind: 'value',
		valueName: 'BOOL',
		description: 'Give the guest a TPM 2.0; auto: when swtpm is installed',
		defaultText: 'auto',
		choices: ['yes', 'no', 'auto'],
	},
	{
		name: 'tpm-state',
		kind: 'value',
		valueName: 'off|auto|PATH',
		description: 'Keep the TPM state in PATH; off: ephemeral; auto: IMAGE.tpmstate or DIR.tpmstate beside the root, off when it is ephemeral',
		defaultText: 'auto',
		completion: {words: ['off', 'auto'], paths: 'directory'},
	},
];

export type TpmOptions = {readonly mode: Tristate; readonly state: TpmStateRequest};

export function readTpmOptions(args: ParsedArgs, cwd: string): TpmOptions {
	const tpm = stringValue(args, 'tpm');
	return {mode: tpm === undefined ? 'auto' : parseTristate('tpm', tpm), state: parseTpmState(stringValue(args, 'tpm-state') ?? '', cwd)};
}
