import {type OptionDef, type ParsedArgs, listValue, switchValue} from '@vmspawn/cli';

/** vmspawn-run's network options, defined here next to the code that gives them meaning. */
export const networkOptionDefs: readonly OptionDef[] = [
	{name: 'network-tap', short: 'n', kind: 'switch', description: 'Connect the guest to a tap device vt-NAME on the host (root only)'},
	{name: 'network-user-mode', kind: 'switch', description: "Connect the guest to qemu's user-mode network (NAT, no root needed)"},
	{
		name: 'port',
		short: 'p',
		kind: 'value',
		multiple: true,
		valueName: '[PROTO:]HOST[:GUEST]',
		description: 'With --network-user-mode: forward host port HOST on 127.0.0.1 to guest port GUEST',
	},
];

export type NetworkOptions = {readonly userMode: boolean; readonly tap: boolean; readonly ports: readonly string[]};

export function readNetworkOptions(args: ParsedArgs): NetworkOptions {
	return {userMode: switchValue(args, 'network-user-mode'), tap: switchValue(args, 'network-tap'), ports: listValue(args, 'port')};
}
