import {REGISTER_MACHINE_SIGNATURE, type RegisterMachineArgs} from './machine-args.js';
import type {MachineBus} from './machine-bus.js';
import {BUS_TIMEOUT_MS, openBus} from './bus.js';

export {BUS_TIMEOUT_MS} from './bus.js';

const machined = {destination: 'org.freedesktop.machine1', path: '/org/freedesktop/machine1', interface: 'org.freedesktop.machine1.Manager'};

/** $DBUS_SYSTEM_BUS_ADDRESS, else the standard socket (sd-bus reads the same variable). */
export function systemBusAddress(env: NodeJS.ProcessEnv): string {
	const address = env['DBUS_SYSTEM_BUS_ADDRESS'];
	return address === undefined || address === '' ? 'unix:path=/run/dbus/system_bus_socket' : address;
}

/** The machined calls on a bus at `address` (the system bus's, or the user's with --user). */
export async function connectMachined(address: string, label: string, timeoutMs = BUS_TIMEOUT_MS, callTimeoutMs = timeoutMs): Promise<MachineBus> {
	const open = await openBus(address, label, timeoutMs, callTimeoutMs);
	return {
		async registerMachine(args: RegisterMachineArgs) {
			await open.call({...machined, member: 'RegisterMachine', signature: REGISTER_MACHINE_SIGNATURE, body: args});
		},
		async unregisterMachine(name: string) {
			await open.call({...machined, member: 'UnregisterMachine', signature: 's', body: [name]});
		},
		close() {
			open.close();
		},
	};
}

/** machined on the system bus. */
export async function connectSystemBus(env: NodeJS.ProcessEnv, timeoutMs = BUS_TIMEOUT_MS, callTimeoutMs = timeoutMs): Promise<MachineBus> {
	return connectMachined(systemBusAddress(env), 'system bus', timeoutMs, callTimeoutMs);
}
