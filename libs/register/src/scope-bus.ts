import type {Message} from 'dbus-next';
import {BUS_TIMEOUT_MS, type OpenBus, openBus, withTimeout} from './bus.js';
import {MachineBusError} from './machine-bus.js';
import type {ScopeProperty} from './scope-properties.js';

/** The calls vmspawn-run makes on org.freedesktop.systemd1; the seam tests replace. */
export type ManagerBus = {
	/** Our unique name: the scope's Controller, whom systemd asks to stop it. */
	readonly uniqueName: string;
	/** StartTransientUnit of a scope, and its start job waited for. */
	startScope(name: string, properties: readonly ScopeProperty[]): Promise<void>;
	/** Calls `requested` when systemd asks us, the scope's controller, to stop it (RequestStop). */
	onStopRequested(unit: string, requested: () => void): Promise<void>;
	close(): void;
};

export type ConnectManagerBus = (address: string, label: string) => Promise<ManagerBus>;

const manager = {destination: 'org.freedesktop.systemd1', path: '/org/freedesktop/systemd1', interface: 'org.freedesktop.systemd1.Manager'};

async function addMatch(open: OpenBus, rule: string): Promise<void> {
	await open.call({
		destination: 'org.freedesktop.DBus',
		path: '/org/freedesktop/DBus',
		interface: 'org.freedesktop.DBus',
		member: 'AddMatch',
		signature: 's',
		body: [rule],
	});
}

/** Results of finished jobs by job path: JobRemoved may arrive before StartTransientUnit's reply. */
function watchJobs(open: OpenBus): {result(job: string): Promise<string>} {
	const results = new Map<string, string>();
	const waiting = new Map<string, (result: string) => void>();
	open.bus.on('message', (message: Message) => {
		if (message.type !== open.dbus.MessageType.SIGNAL || message.interface !== manager.interface || message.member !== 'JobRemoved') {
			return;
		}

		const [, job, , result] = message.body as [number, string, string, string];
		waiting.get(job)?.(result);
		results.set(job, result);
	});
	return {
		async result(job) {
			const known = results.get(job);
			return (
				known ??
				new Promise(resolve => {
					waiting.set(job, resolve);
				})
			);
		},
	};
}

/** systemd's manager on the bus at `address` (the system bus, or the user's). */
export async function connectManager(address: string, label: string, timeoutMs = BUS_TIMEOUT_MS): Promise<ManagerBus> {
	const open = await openBus(address, label, timeoutMs);
	const {Variant} = open.dbus;
	try {
		await addMatch(open, `type='signal',sender='org.freedesktop.systemd1',interface='${manager.interface}',member='JobRemoved'`);
	} catch (error) {
		open.close();
		throw error;
	}

	const jobs = watchJobs(open);
	return {
		uniqueName: open.uniqueName,
		async startScope(name, properties) {
			const body = [name, 'fail', properties.map(([property, signature, value]) => [property, new Variant(signature, value)]), []];
			const reply = await open.call({...manager, member: 'StartTransientUnit', signature: 'ssa(sv)a(sa(sv))', body});
			const job = reply.body[0] as string;
			const result = await withTimeout(jobs.result(job), timeoutMs, `starting ${name}`);
			if (result !== 'done') {
				throw new MachineBusError(`the start job of ${name} ended with result '${result}'`);
			}
		},
		async onStopRequested(unit, requested) {
			const reply = await open.call({...manager, member: 'GetUnit', signature: 's', body: [unit]});
			const path = reply.body[0] as string;
			await addMatch(open, `type='signal',sender='org.freedesktop.systemd1',path='${path}',interface='org.freedesktop.systemd1.Scope',member='RequestStop'`);
			open.bus.on('message', (message: Message) => {
				if (message.type === open.dbus.MessageType.SIGNAL && message.path === path && message.member === 'RequestStop') {
					requested();
				}
			});
		},
		close() {
			open.close();
		},
	};
}
