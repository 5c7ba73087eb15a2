import {applyFs, fsHost} from '@vmspawn/fs';
import type {Host} from '@vmspawn/host';
import type {Plan} from '@vmspawn/plan';
import type {RunOptions} from './run-options.js';

/** The fs section from the fs options; neither -D nor -i means -D ., as upstream. */
export function fillFs(plan: Plan, options: RunOptions, env: NodeJS.ProcessEnv, host: Host): Plan {
	const fs = options.fs ?? {binds: [], extraDrives: [], discard: true};
	return applyFs(plan, {...fs, machineName: plan.machine?.name}, fsHost(host, env), env);
}
