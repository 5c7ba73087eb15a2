import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {allOptions, manualOptionTerms, missingOptions, optionSpellings, roffText, runInProcess, runSourceCli} from '@vmspawn/cli';
import {main, spec} from '../src/index.js';

// The spec's options are what the parser accepts; the manual, --help and the man page must name
// every one of them, so none of the four can drift from the others.
const repository = fileURLToPath(new URL('../../../', import.meta.url));

test('the manual documents exactly the options there are', async t => {
	const manual = await readFile(`${repository}docs/${spec.name}.md`, 'utf8');
	t.deepEqual(manualOptionTerms(manual).sort(), allOptions(spec).flatMap(option => optionSpellings(option)).sort());
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
	t.deepEqual(roff.split('\n').filter(line => /^\./.test(line) && !/^\.(TH|SH|SS|P|TP|IP|RS|RE|nf|fi|br|nh|ad)( |$)/.test(line)), []);
});
