import {type OptionDef, type ParsedArgs, type Tristate, parseTristate, stringValue} from '@vmspawn/cli';
import {parseVsockCid} from './parse-cid.js';

/** The vsock options vmspawn-cid and vmspawn-run share, defined once for help and parsing. */
export const vsockOptionDefs: readonly OptionDef[] = [
	{
		name: 'vsock',
		kind: 'value',
		valueName: 'BOOL',
		description: 'Give the guest a vsock device; auto uses it where /dev/vhost-vsock opens',
		defaultText: 'auto',
		choices: ['yes', 'no', 'auto'],
	},
	{
		name: 'vsock-cid',
		kind: 'value',
		valueName: 'CID',
		description: 'The guest CID, 3..4294967294; empty or absent: derived from the machine name, else random',
	},
];

export type VsockOptions = {readonly mode: Tristate; readonly cid?: number | undefined};

export function readVsockOptions(args: ParsedArgs): VsockOptions {
	const vsock = stringValue(args, 'vsock');
	const cid = stringValue(args, 'vsock-cid');
	return {mode: vsock === undefined ? 'auto' : parseTristate('vsock', vsock), cid: cid === undefined ? undefined : parseVsockCid(cid)};
}
