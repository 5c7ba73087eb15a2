// Tests every tool runs the same way, declared once: each tool's test file calls these
// with its own spec and main, so the five tools cannot drift apart in what is checked.
import {readFile} from 'node:fs/promises';
import type {TestFn} from 'ava';
import type {ToolIo} from '@vmspawn/host';
import {type ToolSpec, allOptions, completionShells} from '@vmspawn/cli';
import {completionSyntaxError, shellInstalled} from './check-syntax.js';
import {manualOptionTerms, missingOptions, optionSpellings, roffText} from './manual-options.js';
import {runInProcess} from './run-in-process.js';
import {runSourceCli} from './run-source-cli.js';

type ToolMain = (argv: readonly string[], io: ToolIo) => Promise<number>;

/**
 * The spec's options are what the parser accepts; the manual (docs/TOOL.md), --help and the
 * man page must name every one of them, so none of the four can drift from the others.
 */
export function manualConformanceTests(test: TestFn, tool: {spec: ToolSpec; main: ToolMain; repository: string}): void {
	const {spec, main, repository} = tool;
	test('the manual documents exactly the options there are', async t => {
		const manual = await readFile(`${repository}docs/${spec.name}.md`, 'utf8');
		t.deepEqual(
			manualOptionTerms(manual).sort(),
			allOptions(spec)
				.flatMap(option => optionSpellings(option))
				.sort(),
		);
	});

	test('--help names every option', async t => {
		const {status, stdout} = await runInProcess(async io => main(['--help'], io));
		t.is(status, 0);
		t.deepEqual(missingOptions(spec, stdout), []);
	});

	test('the man page is roff with the usual sections and every option', async t => {
		const {status, stdout: roff, stderr} = await runSourceCli('scripts/build-man.ts', ['--print', spec.name], {cwd: repository});
		t.is(status, 0, stderr);
		t.true(roff.startsWith(`.TH "${spec.name.toUpperCase()}" "1" `));
		for (const section of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'EXIT STATUS', 'ENVIRONMENT', 'FILES', 'EXAMPLES', 'SEE ALSO']) {
			t.regex(roff, new RegExp(`^\\.SH "${section}"$`, 'm'));
		}

		t.deepEqual(missingOptions(spec, roffText(roff)), []);
		// Tables became entries, no entry marker is left, and every line starting with . is a request
		// the converter meant (text lines are escaped).
		t.notRegex(roff, /^\|/m);
		t.false(roff.includes('\uE000'));
		t.deepEqual(
			roff.split('\n').filter(line => /^\./.test(line) && !/^\.(TH|SH|SS|P|TP|IP|RS|RE|nf|fi|br|nh|ad)( |$)/.test(line)),
			[],
		);
	});
}

/** The tool's completion script for each shell parses in that shell (skipped, saying so, where the shell is missing). */
export function completionSyntaxTests(test: TestFn, script: (shell: string) => Promise<string>): void {
	for (const shell of completionShells) {
		const installed = shellInstalled(shell);
		(installed ? test : test.skip)(`the ${shell} script parses${installed ? '' : ` (skipped: ${shell} is not installed)`}`, async t => {
			t.is(await completionSyntaxError(shell, await script(shell)), undefined);
		});
	}
}
