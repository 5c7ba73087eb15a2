// Makes each bundle's V8 code cache (scripts/bundle/run-bundle.cjs) from a run that does what the
// tool is run for, not from --version: V8 puts in the cache only the functions compiled by the time
// it is written, and every function left out is compiled again on each start (~7 ms of a dry run).
// vmspawn-run plans a dry run; each stage reads that plan on stdin and adds its section.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

type Run = {readonly tool: string; readonly args: readonly string[]};

function stageRuns(scratch: string): Run[] {
	return [
		{tool: 'vmspawn-firmware', args: ['select', '-q']},
		{tool: 'vmspawn-cid', args: ['--vsock=no', '-q']},
		{tool: 'vmspawn-tpm', args: ['--tpm=no']},
		{tool: 'vmspawn-fs', args: ['-D', join(scratch, 'root')]},
		// Last, and again: the plan on stdin is its pipeline path.
		{tool: 'vmspawn-run', args: ['--dry-run', '-q', '--register=no']},
	];
}

/**
 * Runs the tools (bundles already built, caches removed) so each writes its cache on exit. A run
 * that fails on this host (no qemu, say) still leaves the cache of what it compiled; a tool that
 * left none gets one from --version. Nothing is started: these are dry runs and plan stages.
 */
export function warmCodeCaches(root: string, tools: readonly string[]): void {
	const scratch = mkdtempSync(join(tmpdir(), 'vmspawn-bundle-'));
	const bin = (tool: string) => join(root, 'tools', tool, 'bin', `${tool}.js`);
	const run = (tool: string, args: readonly string[], input = '') =>
		spawnSync(process.execPath, [bin(tool), ...args], {
			input,
			encoding: 'utf8',
			env: {...process.env, VMSPAWN_RUNTIME_DIR: join(scratch, 'run'), VMSPAWN_REGISTER: 'no'},
		});
	try {
		mkdirSync(join(scratch, 'root'));
		writeFileSync(join(scratch, 'vmlinuz'), '');
		// A dry run of a directory root gives a plan with every section, for the stages to read.
		const first = run('vmspawn-run', [
			'--dry-run',
			'-q',
			'-D',
			join(scratch, 'root'),
			`--linux=${join(scratch, 'vmlinuz')}`,
			'--firmware=none',
			'--tpm=no',
			'--register=no',
		]);
		const plan = planOf(first.stdout);
		for (const {tool, args} of stageRuns(scratch).filter(stage => tools.includes(stage.tool))) {
			rmSync(cacheOf(root, tool), {force: true});
			run(tool, args, plan);
		}

		for (const tool of tools.filter(tool => !existsSync(cacheOf(root, tool)))) {
			run(tool, ['--version']);
		}
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}
}

const cacheOf = (root: string, tool: string) => join(root, 'tools', tool, 'dist', `${tool}.bundle.cjs.v8-cache`);

function planOf(dryRunOutput: string): string {
	try {
		return `${JSON.stringify((JSON.parse(dryRunOutput) as {plan: unknown}).plan)}\n`;
	} catch {
		return '';
	}
}
