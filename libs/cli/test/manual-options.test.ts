import test from 'ava';
import {manualOptionTerms, missingOptions, roffText} from '@vmspawn/testing';
import {exampleSpec} from './completion-spec.js';

const manual = `# vmspawn-example(1)

## OPTIONS

\`-M\`, \`--machine=NAME\`
: The name; see \`--console=\` below.

\`--console=MODE\`
: How it is shown.

## EXAMPLES

    vmspawn-example --dry-run
`;

test('the options a manual documents are those in the terms of its OPTIONS section', t => {
	t.deepEqual(manualOptionTerms(manual), ['-M', '--machine', '--console']);
	t.deepEqual(manualOptionTerms('# x(1)\n\n## DESCRIPTION\n\n`--ram=BYTES`\n: Memory.\n'), []);
});

test('missing options are the spellings a text never names, whole words only', t => {
	const missing = missingOptions(exampleSpec, 'Usage: -M, --machine=NAME --console-mode --kvm=BOOL');
	t.false(missing.includes('-M'));
	t.false(missing.includes('--kvm'));
	t.true(missing.includes('--console'));
	t.true(missing.includes('--completion'));
});

test('roff text drops fonts and minus escapes', t => {
	t.is(roffText(String.raw`\fB\-M\fR, \fB\-\-machine=NAME\fR`), '-M, --machine=NAME');
});
