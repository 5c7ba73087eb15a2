import type {Plan} from '@vmspawn/plan';

// Paths (as in error messages: fs.shares[0].socket) of every string naming something inside `dir`.
function underDir(value: unknown, dir: string, path: string): string[] {
	if (typeof value === 'string') {
		return value === dir || value.includes(`${dir}/`) ? [path] : [];
	}

	if (Array.isArray(value)) {
		return value.flatMap((item, index) => underDir(item, dir, `${path}[${index}]`));
	}

	if (typeof value === 'object' && value !== null) {
		return Object.entries(value).flatMap(([key, item]) => underDir(item, dir, path === '' ? key : `${path}.${key}`));
	}

	return [];
}

/**
 * The fields of a completed plan that are this run's, not the VM's: what --dry-run
 * marks apart and a replay makes afresh (the runtime directory and everything in it,
 * a CID that was not given, picked ports, the SSH key, the credential sizes).
 */
export function perRunFields(plan: Plan): string[] {
	const {ssh, credentials, runtime, ...rest} = plan;
	const ports = plan.network?.mode === 'user' ? plan.network.ports : [];
	return [
		...(runtime ? ['runtime.dir', ...underDir(rest, runtime.dir, '')] : []),
		...(plan.vsock?.enabled && plan.vsock.cidSource !== 'explicit' ? ['vsock.cid'] : []),
		...ports.flatMap((port, index) => (port.picked ? [`network.ports[${index}].hostPort`] : [])),
		...(ssh ? ['ssh'] : []),
		...(credentials
			? ['credentials.dir', ...[...credentials.entries.keys()].flatMap(index => [`credentials.entries[${index}].file`, `credentials.entries[${index}].size`])]
			: []),
	];
}
