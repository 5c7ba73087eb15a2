// npm run soak: many boots of the test guest, one after another and then all at once,
// counting failures and whatever the runs leave behind. Not part of the test suite.
//   SOAK_BOOTS=N or --boots=N            sequential boots, --tpm=yes and a --bind share (default 100)
//   SOAK_CONCURRENT=N or --concurrent=N  boots started at the same moment (default 20)
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {guestScript} from '../e2e/helpers/guest-files.js';
import {guestDir, parseGuestReport} from '../e2e/helpers/guest-report.js';
import {toolLines} from '../e2e/helpers/tool-lines.js';
import {type Leftovers, countLeftovers} from './leftovers.js';
import {summarize} from './measure.js';

function setting(name: string, variable: string, fallback: number): number {
	const argument = process.argv.find(word => word.startsWith(`--${name}=`))?.slice(name.length + 3);
	const value = Number(argument ?? process.env[variable] ?? fallback);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`--${name}= / $${variable} must be a whole number, not ${argument ?? process.env[variable]}`);
	}

	return value;
}

const sequentialBoots = setting('boots', 'SOAK_BOOTS', 100);
const concurrentBoots = setting('concurrent', 'SOAK_CONCURRENT', 20);
const vmspawnRun = fileURLToPath(new URL('../tools/vmspawn-run/bin/vmspawn-run.js', import.meta.url));
const guest = await guestDir();
const scratch = mkdtempSync(join(tmpdir(), 'vmspawn-soak-'));
// A runtime base of its own: what is left in it, or names it, was left by the soak and nothing else.
const runtimeBase = join(scratch, 'run');
const env = {...process.env, VMSPAWN_RUNTIME_DIR: runtimeBase, VMSPAWN_REGISTER: 'no'};
// With many TCG guests on few cores, a guest kernel's boot-time check of the IO-APIC timer can
// fail and panic before its pvpanic driver loads, which hangs that run: not what the soak measures.
const guestKernelArgs = ['quiet', 'no_timer_check'];

type Boot = {exitCode: number | null; stdout: string; stderr: string; seconds: number};

function boot(args: readonly string[]): Promise<Boot> {
	const started = process.hrtime.bigint();
	const child = spawn('node', [vmspawnRun, ...args], {stdio: ['ignore', 'pipe', 'pipe'], env});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	return new Promise(resolve => {
		child.on('close', exitCode => {
			resolve({exitCode, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9});
		});
	});
}

/** One VM with a TPM and a shared folder the guest writes a file into: how long it took and, if anything went wrong, what. */
async function tpmAndShareBoot(name: string, status: number): Promise<{seconds: number; failure?: string}> {
	const root = join(scratch, `${name}-root`);
	const share = join(scratch, `${name}-share`);
	mkdirSync(root, {recursive: true});
	mkdirSync(share, {recursive: true});
	rmSync(join(share, 'written'), {force: true});
	const result = await boot([
		`--linux=${guest}/vmlinuz`,
		`--initrd=${guest}/initrd.img`,
		'--firmware=none',
		'-D',
		root,
		`--bind=${share}:/mnt/share`,
		'--tpm=yes',
		'--ram=256M',
		'--console=read-only',
		'-M',
		name,
		'-q',
		...guestKernelArgs,
		`vmspawn.test.exit=${status}`,
		guestScript(`echo ${name} > /sysroot/mnt/share/written`),
	]);
	const problems: string[] = [];
	if (result.exitCode !== status) {
		problems.push(`exit status ${result.exitCode}, expected ${status}: ${toolLines(result.stderr).at(-1) ?? 'no message'}`);
	}

	try {
		if (!parseGuestReport(result.stdout).tpmDevices.some(device => device.endsWith('tpm0'))) {
			problems.push('the guest saw no TPM');
		}
	} catch {
		problems.push(`the guest printed no report; its console ended with: ${result.stdout.trim().split('\n').at(-1) ?? ''}`);
	}

	if (!existsSync(join(share, 'written')) || readFileSync(join(share, 'written'), 'utf8').trim() !== name) {
		problems.push("the guest's write through the share did not reach the host");
	}

	return {seconds: result.seconds, ...(problems.length > 0 ? {failure: problems.join('; ')} : {})};
}

function report(title: string, runs: ReadonlyArray<{seconds: number; failure?: string}>, extra = ''): void {
	const failures = runs.filter(run => run.failure !== undefined);
	const times = runs.length > 0 ? summarize(runs.map(run => run.seconds)) : undefined;
	const time = times ? `median ${times.median.toFixed(2)} s, min ${times.min.toFixed(2)} s, max ${times.max.toFixed(2)} s` : 'no boots';
	console.log(`${title.padEnd(11)} boots ${runs.length}, failures ${failures.length}, ${time}${extra}`);
	for (const [index, run] of runs.entries()) {
		if (run.failure) {
			console.log(`  boot ${index + 1}: ${run.failure}`);
		}
	}
}

const describe = (counts: Leftovers) => `${counts.processes} processes, ${counts.runtimeEntries} runtime entries, ${counts.tempDirs} temp dirs`;
const total = (counts: Leftovers) => counts.processes + counts.runtimeEntries + counts.tempDirs;

try {
	console.log(`soak: ${sequentialBoots} sequential boots, then ${concurrentBoots} concurrent (each --tpm=yes with a --bind share); guest ${guest}`);
	const before = countLeftovers(runtimeBase);
	const sequential: Array<{seconds: number; failure?: string}> = [];
	for (let index = 0; index < sequentialBoots; index++) {
		const run = await tpmAndShareBoot('soak-seq', (index % 200) + 1);
		sequential.push(run);
		// On a terminal the progress line is rewritten in place; in a log, one line per boot.
		process.stderr.write(
			`${process.stderr.isTTY ? '\r' : ''}sequential boot ${index + 1}/${sequentialBoots}: ${run.failure ?? 'ok'} (${run.seconds.toFixed(1)} s)${process.stderr.isTTY ? '   ' : '\n'}`,
		);
	}

	if (process.stderr.isTTY) {
		process.stderr.write('\n');
	}

	const batchStarted = Date.now();
	const concurrent = await Promise.all(Array.from({length: concurrentBoots}, async (_, index) => tpmAndShareBoot(`soak-conc-${index}`, index + 1)));
	const batchSeconds = (Date.now() - batchStarted) / 1000;
	const after = countLeftovers(runtimeBase);

	report('sequential', sequential);
	report('concurrent', concurrent, concurrentBoots > 0 ? ` (the whole batch: ${batchSeconds.toFixed(1)} s)` : '');
	console.log(`leftovers   before: ${describe(before)}; after: ${describe(after)}; growth ${total(after) - total(before)}`);
	const failed = [...sequential, ...concurrent].some(run => run.failure !== undefined) || total(after) > total(before);
	process.exitCode = failed ? 1 : 0;
} finally {
	rmSync(scratch, {recursive: true, force: true});
}
