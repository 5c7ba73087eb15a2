import {basename, resolve} from 'node:path';
import {newRuntimeDir} from '@vmspawn/host';
import {type Plan, withSection} from '@vmspawn/plan';
import type {FsHost} from './fs-host.js';
import {type FsOptions, planFs} from './plan-fs.js';

export type FsStageOptions = FsOptions & {
	/** Names the runtime directory when the plan has none yet (-M/--machine). */
	readonly machineName?: string | undefined;
};

// Only a prefix of the runtime directory's name; the machine stage owns the real name.
function nameForRuntimeDir(plan: Plan, options: FsStageOptions): string {
	const root = resolve(options.cwd ?? process.cwd(), options.image ?? options.directory ?? '.');
	const derived = basename(root)
		.replace(/\.raw$/, '')
		.replace(/[^A-Za-z0-9_-]/g, '');
	return options.machineName ?? plan.machine?.name ?? (derived === '' ? 'vmspawn' : derived);
}

/**
 * vmspawn-fs as a function: the plan with its fs section set. When a share needs a
 * socket and the plan has no runtime directory yet, one is chosen (not created).
 */
export function applyFs(plan: Plan, options: FsStageOptions, host: FsHost, env: NodeJS.ProcessEnv): Plan {
	let runtimeDir = plan.runtime?.dir;
	const section = planFs(options, {
		runtimeDir() {
			runtimeDir ??= newRuntimeDir(nameForRuntimeDir(plan, options), env);
			return runtimeDir;
		},
		host,
	});
	const withRuntime = runtimeDir !== undefined && plan.runtime === undefined ? withSection(plan, 'runtime', {dir: runtimeDir}) : plan;
	return withSection(withRuntime, 'fs', section);
}
