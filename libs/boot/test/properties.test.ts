import {mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import {CliError, describeFailure, errno} from '@vmspawn/cli';
import {chaseInRoot} from '../src/chase.js';
import {fnmatch} from '../src/fnmatch.js';
import {parseGpt} from '../src/gpt.js';
import {loaderDefault, parseBlsFields} from '../src/loader-conf.js';

// Every parser of guest data ends, quickly, in a value or one CliError with a one-line
// message: never a hang, a crash or another kind of error. A hang would be a synchronous
// loop, so each run is timed; ava's timeout is the last resort. The time is this process's
// CPU time, not the clock: on a busy machine being descheduled is not slowness.
const runs = Number(process.env['PROPERTY_RUNS'] ?? 10_000);
const budgetMs = 50;

type Outcome = {readonly ms: number; readonly value?: unknown; readonly error?: unknown};

function cpuMs(since: NodeJS.CpuUsage): number {
	const {user, system} = process.cpuUsage(since);
	return (user + system) / 1000;
}

function timed(run: () => unknown): Outcome {
	const start = process.cpuUsage();
	try {
		const value = run();
		return {ms: cpuMs(start), value};
	} catch (error) {
		return {ms: cpuMs(start), error};
	}
}

function cleanRefusal(error: unknown): boolean {
	const {message} = describeFailure(error);
	return error instanceof CliError && message !== '' && !message.includes('\n');
}

// The slowest run, logged so a budget creeping up shows before it fails.
function budgetTracker() {
	let slowest = 0;
	return {
		within(outcome: Outcome): boolean {
			slowest = Math.max(slowest, outcome.ms);
			return outcome.ms < budgetMs;
		},
		get slowest() {
			return slowest;
		},
	};
}

// Header fields biased to the edges (0, tiny, the bounds, huge) and a few valid tables.
const headerFields = fc.record({
	entriesLba: fc.oneof(fc.bigInt({min: 0n, max: 40n}), fc.bigInt({min: 0n, max: (1n << 64n) - 1n})),
	count: fc.oneof(fc.nat({max: 130}), fc.constantFrom(1024, 1025, 0xffff_ffff), fc.nat({max: 0xffff_ffff})),
	entrySize: fc.oneof(fc.constantFrom(0, 1, 8, 120, 128, 136, 256, 4096, 4104, 0xffff_fff8, 0xffff_ffff), fc.nat({max: 0xffff_ffff})),
});

const gptImage = fc
	.record({
		fields: headerFields,
		signature: fc.constantFrom('EFI PART', 'EFI PART', 'EFI PARS'),
		size: fc.nat({max: 24 * 1024}),
		noise: fc.uint8Array({maxLength: 2048}),
	})
	.map(({fields, signature, size, noise}) => {
		const image = Buffer.alloc(size);
		Buffer.from(noise).copy(image, Math.min(1024, size));
		if (size >= 512 + 92) {
			image.write(signature, 512, 'latin1');
			image.writeBigUInt64LE(fields.entriesLba, 512 + 72);
			image.writeUInt32LE(fields.count, 512 + 80);
			image.writeUInt32LE(fields.entrySize, 512 + 84);
		}

		return image;
	});

test('GPT: any image bytes give partitions, no GPT, or one clear error, within the budget', t => {
	const budget = budgetTracker();
	let errors = 0;
	fc.assert(
		fc.property(gptImage, image => {
			const outcome = timed(() => parseGpt(image));
			errors += outcome.error === undefined ? 0 : 1;
			const valid =
				outcome.error === undefined
					? outcome.value === undefined || (Array.isArray(outcome.value) && outcome.value.length <= 1024)
					: cleanRefusal(outcome.error);
			return valid && budget.within(outcome);
		}),
		{numRuns: runs},
	);
	t.log(`${runs} images, ${errors} refused, slowest ${budget.slowest.toFixed(2)} ms`);
	t.pass();
});

// Lines of BLS keys with values of any text, blank lines, comments, long runs of spaces.
const blsText = fc
	.array(
		fc.oneof(
			fc
				.tuple(
					fc.constantFrom('linux', 'initrd', 'options', 'title', 'version', 'sort-key', 'default', '__proto__', 'x'),
					fc.string({unit: 'binary', maxLength: 60}),
				)
				.map(([key, value]) => `${key} ${value}`),
			fc.string({unit: 'binary', maxLength: 80}),
			fc.nat({max: 5000}).map(count => `default${' '.repeat(count)}x`),
			fc.constantFrom('', '#', '   ', '\t\tlinux\t/a\t', 'default *.conf'),
		),
		{maxLength: 40},
	)
	.map(lines => lines.join('\n'));

test('loader.conf and entries: any text gives fields and a default, within the budget', t => {
	const budget = budgetTracker();
	fc.assert(
		fc.property(blsText, text => {
			const outcome = timed(() => ({fields: parseBlsFields(text), pattern: loaderDefault(text)}));
			if (outcome.error !== undefined) {
				return false;
			}

			const {fields, pattern} = outcome.value as {fields: Map<string, string[]>; pattern: string | undefined};
			const wellFormed = [...fields].every(([key, values]) => key !== '' && !/\s/.test(key) && values.every(value => !value.includes('\n')));
			return wellFormed && (pattern === undefined || !/\s/.test(pattern)) && budget.within(outcome);
		}),
		{numRuns: runs},
	);
	t.log(`${runs} files, slowest ${budget.slowest.toFixed(2)} ms`);
	t.pass();
});

const globCharacters = ['a', 'b', '*', '?', '[', ']', '!', '^', '-', '\\', 'é'];
const pattern = fc.array(fc.constantFrom(...globCharacters), {maxLength: 40}).map(characters => characters.join(''));
const name = fc.array(fc.constantFrom('a', 'b', '-', '[', ']', '*', 'é'), {maxLength: 200}).map(characters => characters.join(''));

test('fnmatch: any pattern and name give a boolean, within the budget', t => {
	const budget = budgetTracker();
	fc.assert(
		fc.property(pattern, name, (glob, id) => {
			const outcome = timed(() => fnmatch(glob, id));
			return typeof outcome.value === 'boolean' && budget.within(outcome);
		}),
		{numRuns: runs},
	);
	t.log(`${runs} pairs, slowest ${budget.slowest.toFixed(2)} ms`);
	t.pass();
});

// An independent oracle for `*` and `?` only: a RegExp is fine for short, trusted test patterns.
function oracle(glob: string, id: string): boolean {
	return new RegExp(`^${glob.replaceAll('*', '.*').replaceAll('?', '.')}$`, 'u').test(id);
}

test('fnmatch: `*` and `?` agree with a RegExp translation', t => {
	const simplePattern = fc.array(fc.constantFrom('a', 'b', '*', '?'), {maxLength: 10}).map(characters => characters.join(''));
	const simpleName = fc.array(fc.constantFrom('a', 'b'), {maxLength: 16}).map(characters => characters.join(''));
	fc.assert(
		fc.property(simplePattern, simpleName, (glob, id) => fnmatch(glob, id) === oracle(glob, id)),
		{numRuns: runs},
	);
	t.pass();
});

// A random tree of directories, files and symbolic links (relative, absolute, up and out,
// loops) over a few names, so links often point at each other.
const names = ['a', 'b', 'c'];
const linkTarget = fc
	.tuple(fc.boolean(), fc.array(fc.constantFrom('a', 'b', 'c', '..', '.', 'etc', 'passwd'), {maxLength: 6}))
	.map(([absolute, parts]) => `${absolute ? '/' : ''}${parts.join('/')}`);
const node = fc.oneof(
	fc.constant({kind: 'directory' as const}),
	fc.constant({kind: 'file' as const}),
	linkTarget.map(target => ({kind: 'link' as const, target})),
);
const treeSpec = fc.array(fc.tuple(fc.array(fc.constantFrom(...names), {minLength: 1, maxLength: 3}), node), {maxLength: 12});
const chasedPath = fc
	.tuple(fc.boolean(), fc.array(fc.constantFrom('a', 'b', 'c', '..', '.', '', 'etc', 'passwd'), {maxLength: 8}))
	.map(([absolute, parts]) => `${absolute ? '/' : ''}${parts.join('/')}`);

function buildTree(root: string, spec: ReadonlyArray<readonly [readonly string[], {kind: 'directory' | 'file' | 'link'; target?: string}]>): void {
	for (const [parts, entry] of spec) {
		const path = join(root, ...parts);
		try {
			mkdirSync(join(path, '..'), {recursive: true});
			if (entry.kind === 'directory') {
				mkdirSync(path);
			} else if (entry.kind === 'file') {
				writeFileSync(path, '');
			} else {
				symlinkSync(entry.target!, path);
			}
		} catch {
			// A name already taken by an earlier node, or a parent that is a file or link: skip it.
		}
	}
}

test('chase: over random trees of links, a path resolves inside the root with no link left, or is refused cleanly', t => {
	const base = realpathSync(mkdtempSync(join(tmpdir(), 'vmspawn-chase-prop-')));
	t.teardown(() => rmSync(base, {recursive: true, force: true}));
	// Outside the roots: what an escape would reach.
	mkdirSync(join(base, 'etc'));
	writeFileSync(join(base, 'etc/passwd'), 'host');
	const pathsPerTree = 10;
	const budget = budgetTracker();
	let tree = 0;
	let resolved = 0;
	fc.assert(
		fc.property(treeSpec, fc.array(chasedPath, {minLength: pathsPerTree, maxLength: pathsPerTree}), (spec, paths) => {
			const root = join(base, `t${tree++}`);
			mkdirSync(root);
			buildTree(root, spec);
			try {
				return paths.every(path => {
					const outcome = timed(() => chaseInRoot(root, path));
					if (outcome.error !== undefined) {
						const {exitCode} = describeFailure(outcome.error);
						return cleanRefusal(outcome.error) && [errno.ENOENT, errno.ENOTDIR, errno.ELOOP].includes(exitCode) && budget.within(outcome);
					}

					resolved++;
					const result = outcome.value as string;
					return (result === root || result.startsWith(`${root}/`)) && realpathSync(result) === result && budget.within(outcome);
				});
			} finally {
				rmSync(root, {recursive: true, force: true});
			}
		}),
		{numRuns: runs / pathsPerTree},
	);
	t.log(`${runs / pathsPerTree} trees, ${runs} paths, ${resolved} resolved, slowest ${budget.slowest.toFixed(2)} ms`);
	t.pass();
});
