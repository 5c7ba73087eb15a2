import type {ToolIo} from '@vmspawn/host';
import type {Invocation} from '@vmspawn/assemble';
import {formatChecks, preflightPassed, runPreflight} from '@vmspawn/preflight';

/** --check: every preflight check of the run that was planned, as lines or JSON; 0 when none fails, 1 otherwise. */
export async function checkRun(invocation: Invocation, io: ToolIo, json: boolean): Promise<number> {
	const results = await runPreflight({
		plan: invocation.plan,
		argv: invocation.argv,
		helpers: invocation.helpers,
		sockets: [invocation.qmpSocket, invocation.notifySocket],
		env: io.env,
		host: io.host,
	});
	const colour = !json && (io.stdout as Partial<NodeJS.WriteStream>).isTTY === true && io.env['NO_COLOR'] === undefined;
	io.stdout.write(json ? `${JSON.stringify(results)}\n` : formatChecks(results, colour));
	return preflightPassed(results) ? 0 : 1;
}
