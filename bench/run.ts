// npm run bench: the launcher's costs measured side by side with what it replaces.
// What runs and how often: bench/settings.ts. Each part waits for a quiet machine first.
// BENCH_TOOLS_ROOT=DIR measures the tools of another checkout (e.g. a copy without a change).
import {execFileSync} from 'node:child_process';
import {cpus} from 'node:os';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {guestDir} from '../e2e/helpers/guest-report.js';
import {freshenBundles, staleBundles} from './fresh-bundles.js';
import {type Goal, floorGoal, goalsTable, memoryGoal} from './goals.js';
import {sampleLoad, takeLoadSeen, waitForQuiet} from './load.js';
import {type Timing, compare, peakRss, summarize} from './measure.js';
import {byHandArgv, quote} from './plain-script.js';
import {type ScaleRun, bootTogether} from './scale.js';
import {type Part, settings} from './settings.js';
import {type Row, type ScaleRow, scaleTable, timeTable} from './table.js';
import {tpmBootVariants} from './tpm-boot.js';

const root = process.env['BENCH_TOOLS_ROOT'] ?? fileURLToPath(new URL('..', import.meta.url));
const binPath = (name: string) => join(root, 'tools', name, 'bin', `${name}.js`);
const tool = (name: string) => `node ${binPath(name)}`;
const tools = ['vmspawn-firmware', 'vmspawn-cid', 'vmspawn-tpm', 'vmspawn-fs', 'vmspawn-run'];

const guest = await guestDir();
const scratch = mkdtempSync(join(tmpdir(), 'vmspawn-bench-'));
const image = join(scratch, 'disk.raw');
execFileSync('cp', ['--sparse=always', join(guest, 'disk.raw'), image]);
// The runtime base made private first: vmspawn-run refuses one others may enter, which the plain runs' `mkdir -p` would make.
mkdirSync(join(scratch, 'run'), {mode: 0o700});
// Without NODE_EXTRA_CA_CERTS: with it set (as in some build sandboxes) every Node process, the floor
// too, parses that certificate file at start (60 ms of CPU for the 220 KB Debian bundle); no tool
// here makes a TLS connection, and the ratios are meant against a plain Node's start.
const {NODE_EXTRA_CA_CERTS: extraCertificates, ...inherited} = process.env;
const env = {...inherited, VMSPAWN_RUNTIME_DIR: join(scratch, 'run'), VMSPAWN_REGISTER: 'no'};
// No SSH key: qemu by hand could not pass the credential files vmspawn-run writes for it; the key's cost has a row of its own.
const common = `--linux=${guest}/vmlinuz --initrd=${guest}/initrd.img --firmware=none --tpm=no --vsock=no --pass-ssh-key=no --console=read-only --register=no -q`;
const bootOptions = `-i ${image} ${common} -M ${settings.machine}`;
// Kernel words after the options. no_timer_check as in the suite and the soak: with several TCG guests on
// two cores a guest kernel can fail its boot-time IO-APIC timer check and panic before pvpanic is loaded,
// which no launcher can see (docs/reliability.md, Limits); the 10-VM batch of 2026-11-30 hung that way.
const kernelWords = 'quiet no_timer_check';

const rows: Row[] = [];
const scaleRows: ScaleRow[] = [];
const loads: string[] = [];
const warnings: string[] = [];
const goals: Goal[] = [];
let floor: Timing | undefined;
const log = (line: string) => process.stderr.write(`${line}\n`);
const times = (value: number, of: number) => `${(value / of).toFixed(2)}x`;
/** A figure against the floor's: its wall time's ratio, and its CPU time's. */
const timesFloor = ({wall, cpu}: Timing) =>
	floor === undefined ? '' : `${times(wall.median, floor.wall.median)} floor, CPU ${times(cpu.median, floor.cpu.median)}`;
/** What a launcher adds to the same work by hand, in wall and in CPU time, against the floor's. */
function overhead(launcher: Timing, plain: Timing): string {
	const wall = launcher.wall.median - plain.wall.median;
	const cpu = launcher.cpu.median - plain.cpu.median;
	const sign = (value: number) => (value >= 0 ? '+' : '');
	const ofFloor = (value: number, of: number | undefined) => (of === undefined ? '' : ` = ${times(value, of)} floor`);
	return `${times(launcher.wall.median, plain.wall.median)} plain; ${sign(wall)}${wall.toFixed(3)} s${ofFloor(wall, floor?.wall.median)}; CPU ${sign(cpu)}${cpu.toFixed(3)} s${ofFloor(cpu, floor?.cpu.median)}`;
}

/** Runs one part of the bench once the machine is quiet, noting the load seen meanwhile. */
async function part(name: Part, body: () => Promise<void> | void): Promise<void> {
	if (!settings.parts.has(name)) {
		return;
	}

	freshenBundles(root, tools, log);
	const before = await waitForQuiet(settings.maxLoad, 30_000, settings.waitSeconds * 1000, log);
	takeLoadSeen();
	log(`bench: ${name} (1-minute load ${before})`);
	await body();
	const seen = takeLoadSeen();
	loads.push(`${name}: ${before} at the start, ${seen.min}-${seen.max} during`);
	const stale = staleBundles(root, tools);
	if (stale.length > 0) {
		warnings.push(`${name}: a tsc -b during this part made the bundles of ${stale.join(', ')} stale, so some runs refused to start`);
	}
}

try {
	// 1. The floor of any Node.js tool, planning, and each tool's --help.
	await part('startup', () => {
		const startup = compare(
			{
				floor: 'node -e 0',
				dryRun: `${tool('vmspawn-run')} --dry-run ${bootOptions} ${kernelWords} > /dev/null`,
				dryRunSsh: `${tool('vmspawn-run')} --dry-run ${bootOptions} --pass-ssh-key=yes ${kernelWords} > /dev/null`,
				...Object.fromEntries(tools.map(name => [name, `${tool(name)} --help > /dev/null`])),
			},
			settings.runs,
			env,
		);
		floor = startup['floor']!;
		rows.push({title: '`node -e 0` (the floor of any Node tool)', timing: startup['floor']!, note: ''});
		rows.push({title: '`vmspawn-run --dry-run`', timing: startup['dryRun']!, note: `${timesFloor(startup['dryRun']!)} (target 1.5x)`});
		rows.push({title: '`vmspawn-run --dry-run`, making the SSH key (the default)', timing: startup['dryRunSsh']!, note: timesFloor(startup['dryRunSsh']!)});
		for (const name of tools) {
			rows.push({title: `\`${name} --help\``, timing: startup[name]!, note: `${timesFloor(startup[name]!)} (target 1.5x)`});
		}

		goals.push(floorGoal('`vmspawn-run --dry-run`', startup['dryRun']!.cpu.median, floor.cpu.median, 1.5));
	});

	// 2. Five stages in a pipeline against the same plan made in one process.
	await part('pipeline', () => {
		const pipeline = compare(
			{
				pipeline: `${tool('vmspawn-firmware')} select -M ${settings.machine} | ${tool('vmspawn-cid')} -M ${settings.machine} --vsock=no | ${tool('vmspawn-tpm')} --tpm=no | ${tool('vmspawn-fs')} -i ${image} | ${tool('vmspawn-run')} --dry-run -q --pass-ssh-key=no --linux=${guest}/vmlinuz > /dev/null`,
				allInOne: `${tool('vmspawn-run')} --dry-run -q -M ${settings.machine} -i ${image} --tpm=no --vsock=no --pass-ssh-key=no --linux=${guest}/vmlinuz > /dev/null`,
			},
			settings.runs,
			env,
		);
		rows.push({title: 'pipeline of five tools, `--dry-run`', timing: pipeline['pipeline']!, note: `${timesFloor(pipeline['pipeline']!)} (target 3x)`});
		rows.push({title: '`vmspawn-run --dry-run`, same plan', timing: pipeline['allInOne']!, note: timesFloor(pipeline['allInOne']!)});
		if (floor) {
			goals.push(floorGoal('pipeline of five tools', pipeline['pipeline']!.cpu.median, floor.cpu.median, 3));
		}
	});

	// 3. A whole boot of the test guest: vmspawn-run against qemu run by hand with the identical argv.
	await part('boot', () => {
		const dryRun = JSON.parse(execFileSync('/bin/sh', ['-c', `${tool('vmspawn-run')} --dry-run ${bootOptions} ${kernelWords}`], {env, encoding: 'utf8'})) as {
			plan: {runtime: {dir: string}};
			argv: string[];
		};
		const runtimeDir = dryRun.plan.runtime.dir;
		const plainQemu = `mkdir -p -m 0700 ${runtimeDir} && ${byHandArgv(dryRun.argv).map(quote).join(' ')} < /dev/null > /dev/null; status=$?; rm -rf ${runtimeDir}; exit $status`;
		const boot = compare({plain: plainQemu, launcher: `${tool('vmspawn-run')} ${bootOptions} ${kernelWords} < /dev/null > /dev/null`}, settings.bootRuns, env);
		rows.push({title: 'boot: qemu with the identical argv, by hand', timing: boot['plain']!, note: ''});
		rows.push({title: 'boot: `vmspawn-run`', timing: boot['launcher']!, note: `${overhead(boot['launcher']!, boot['plain']!)} (target 1.5x)`});
		if (floor) {
			goals.push(floorGoal('boot: what `vmspawn-run` adds to qemu by hand', boot['launcher']!.cpu.median - boot['plain']!.cpu.median, floor.cpu.median, 1.5));
		}
	});

	// 4. The same with a TPM and a virtiofs directory root, against swtpm and virtiofsd started by hand.
	await part('tpm', () => {
		const directory = join(scratch, 'root');
		mkdirSync(directory);
		const variants = tpmBootVariants({vmspawnRun: tool('vmspawn-run'), guest, root: directory, scratch, env, machine: `${settings.machine}-tpm`});
		const boot = compare(variants, settings.bootRuns, env);
		rows.push({title: 'TPM + virtiofs boot: swtpm, virtiofsd and qemu by hand, one after the other', timing: boot['plain']!, note: ''});
		rows.push({title: 'TPM + virtiofs boot: `vmspawn-run --tpm=yes -D DIR`', timing: boot['launcher']!, note: overhead(boot['launcher']!, boot['plain']!)});
	});

	// 5. vmspawn-run's own memory while the VM runs (before the scale part, whose load would take minutes to fade).
	let rss: number | undefined;
	await part('memory', async () => {
		const peaks: number[] = [];
		for (let run = 0; run < Math.min(3, settings.bootRuns); run++) {
			peaks.push(await peakRss(['node', binPath('vmspawn-run'), ...bootOptions.split(' '), ...kernelWords.split(' ')], env));
			sampleLoad();
		}

		rss = summarize(peaks).median;
	});

	// 6. Many VMs at once, each its own vmspawn-run booting to power-off.
	await part('scale', async () => {
		const most = Math.max(...settings.scale);
		const images = Array.from({length: most}, (_, index) => {
			const copy = join(scratch, `scale-${index}.raw`);
			execFileSync('cp', ['--sparse=always', image, copy]);
			return copy;
		});
		const argvs = (count: number) =>
			images
				.slice(0, count)
				.map((copy, index) => [
					'node',
					binPath('vmspawn-run'),
					'-i',
					copy,
					...common.split(' '),
					'--ram=256M',
					'-M',
					`${settings.machine}-scale-${index}`,
					...kernelWords.split(' '),
				]);
		const timeoutMs = settings.scaleTimeoutSeconds * 1000;
		await bootTogether(argvs(1), env, timeoutMs, log); // warm-up
		for (const count of settings.scale) {
			const runs: ScaleRun[] = [];
			for (let run = 0; run < settings.scaleRuns; run++) {
				runs.push(await bootTogether(argvs(count), env, timeoutMs, log));
			}

			scaleRows.push({
				vms: count,
				time: summarize(runs.map(run => run.seconds)),
				launcherMiB: summarize(runs.map(run => run.launcherMiB)),
				totalMiB: summarize(runs.map(run => run.totalMiB)),
				hung: runs.reduce((sum, run) => sum + run.hung, 0),
			});
		}
	});

	console.log(
		`vmspawn benchmark: ${cpus().length} CPUs, node ${process.version}, tools of ${root}; ${settings.runs} runs per start-up figure, ${settings.bootRuns} per boot figure, after one warm-up, variants interleaved\n`,
	);
	if (rows.length > 0) {
		console.log(`${timeTable(rows)}\n`);
	}

	if (scaleRows.length > 0) {
		console.log(
			`Concurrent boots, ${settings.scaleRuns} runs of each batch after one warm-up boot, --ram=256M each, PSS sampled every 0.5 s, a boot stopped as hung after ${settings.scaleTimeoutSeconds} s:\n\n${scaleTable(scaleRows)}\n`,
		);
	}

	if (rss !== undefined) {
		console.log(`Peak RSS of vmspawn-run during a boot (median of ${Math.min(3, settings.bootRuns)}): ${rss.toFixed(1)} MiB (target 50 MiB)\n`);
	}

	if (rss !== undefined) {
		goals.push(memoryGoal('peak RSS of `vmspawn-run` during a boot', rss, 50));
	}

	if (goals.length > 0) {
		console.log(`The goals of issue #21 (what dominates each remainder: docs/performance.md, "What dominates what is left"):\n\n${goalsTable(goals)}\n`);
	}

	console.log(`1-minute load: ${loads.join('; ')}`);
	if (extraCertificates !== undefined) {
		console.log('NODE_EXTRA_CA_CERTS was set here and is unset for every measured command');
	}

	for (const warning of warnings) {
		console.log(`WARNING ${warning}`);
	}
} finally {
	rmSync(scratch, {recursive: true, force: true});
}
