// npm run bench: the launcher's costs measured side by side with what it replaces.
import {execFileSync} from 'node:child_process';
import {cpus} from 'node:os';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {guestDir} from '../e2e/helpers/guest-report.js';
import {type Sample, compare, peakRss} from './measure.js';

const runs = Number(process.env['BENCH_RUNS'] ?? 10);
const root = fileURLToPath(new URL('..', import.meta.url));
const tool = (name: string) => `node ${join(root, 'tools', name, 'bin', `${name}.js`)}`;
const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

const guest = await guestDir();
const scratch = mkdtempSync(join(tmpdir(), 'vmspawn-bench-'));
const image = join(scratch, 'disk.raw');
execFileSync('cp', ['--sparse=always', join(guest, 'disk.raw'), image]);
const env = {...process.env, VMSPAWN_RUNTIME_DIR: join(scratch, 'run')};
const bootOptions = `-i ${image} --linux=${guest}/vmlinuz --initrd=${guest}/initrd.img --firmware=none --tpm=no --vsock=no --console=read-only -q -M bench`;

const rows: Array<[string, Sample, string]> = [];
const seconds = (value: number) => `${value.toFixed(3)} s`;
function add(title: string, sample: Sample, note = ''): void {
	rows.push([title, sample, note]);
}

try {
	// 1. The floor of any Node.js tool, planning, and each tool's --help.
	const startup = compare({
		floor: 'node -e 0',
		dryRun: `${tool('vmspawn-run')} --dry-run ${bootOptions} quiet > /dev/null`,
		...Object.fromEntries(['vmspawn-firmware', 'vmspawn-cid', 'vmspawn-tpm', 'vmspawn-fs', 'vmspawn-run'].map(name => [name, `${tool(name)} --help > /dev/null`])),
	}, runs, env);
	const floor = startup['floor']!.median;
	add('node -e 0 (floor)', startup['floor']!);
	add('vmspawn-run --dry-run', startup['dryRun']!, `${(startup['dryRun']!.median / floor).toFixed(2)}x floor (target 1.5x)`);
	for (const name of ['vmspawn-firmware', 'vmspawn-cid', 'vmspawn-tpm', 'vmspawn-fs', 'vmspawn-run']) {
		add(`${name} --help`, startup[name]!, `${(startup[name]!.median / floor).toFixed(2)}x floor`);
	}

	// 2. Five stages in a pipeline against the same plan made in one process.
	const pipeline = compare({
		pipeline: `${tool('vmspawn-firmware')} select -M bench | ${tool('vmspawn-cid')} -M bench --vsock=no | ${tool('vmspawn-tpm')} --tpm=no | ${tool('vmspawn-fs')} -i ${image} | ${tool('vmspawn-run')} --dry-run -q --linux=${guest}/vmlinuz > /dev/null`,
		allInOne: `${tool('vmspawn-run')} --dry-run -q -M bench -i ${image} --tpm=no --vsock=no --linux=${guest}/vmlinuz > /dev/null`,
	}, runs, env);
	add('pipeline of five tools, --dry-run', pipeline['pipeline']!, `${(pipeline['pipeline']!.median / floor).toFixed(2)}x floor (target 3x)`);
	add('vmspawn-run --dry-run, same plan', pipeline['allInOne']!);

	// 3. A whole boot of the test guest: vmspawn-run against qemu run by hand with the identical argv.
	const dryRun = JSON.parse(execFileSync('/bin/sh', ['-c', `${tool('vmspawn-run')} --dry-run ${bootOptions} quiet`], {env, encoding: 'utf8'})) as {plan: {runtime: {dir: string}}; argv: string[]};
	const runtimeDir = dryRun.plan.runtime.dir;
	const plainQemu = `mkdir -p -m 0700 ${runtimeDir} && ${dryRun.argv.map(quote).join(' ')} < /dev/null > /dev/null; status=$?; rm -rf ${runtimeDir}; exit $status`;
	const boot = compare({plain: plainQemu, launcher: `${tool('vmspawn-run')} ${bootOptions} quiet < /dev/null > /dev/null`}, runs, env);
	const difference = boot['launcher']!.median - boot['plain']!.median;
	add('boot: qemu with the same argv, by hand', boot['plain']!);
	add('boot: vmspawn-run', boot['launcher']!, `${(boot['launcher']!.median / boot['plain']!.median).toFixed(3)}x plain, +${seconds(difference)} = ${(difference / floor).toFixed(2)}x floor (target 1.5x)`);

	// 4. vmspawn-run's own memory while the VM runs.
	const rss = await peakRss(['node', join(root, 'tools/vmspawn-run/bin/vmspawn-run.js'), ...bootOptions.split(' '), 'quiet']);

	console.log(`vmspawn benchmark: ${cpus().length} CPUs, node ${process.version}, ${runs} runs per figure after one warm-up, variants interleaved\n`);
	const width = Math.max(...rows.map(([title]) => title.length));
	console.log(`${'what'.padEnd(width)}  median    min       max       notes`);
	for (const [title, sample, note] of rows) {
		console.log(`${title.padEnd(width)}  ${seconds(sample.median).padEnd(9)} ${seconds(sample.min).padEnd(9)} ${seconds(sample.max).padEnd(9)} ${note}`);
	}

	console.log(`\npeak RSS of vmspawn-run during a boot: ${rss.toFixed(1)} MiB (target 60 MiB)`);
} finally {
	rmSync(scratch, {recursive: true, force: true});
}
