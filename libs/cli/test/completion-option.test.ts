import test from 'ava';
import {UsageError, parseArgs, renderHelp, standardOutput} from '../src/index.js';
import {exampleSpec} from './completion-spec.js';

const output = (...argv: string[]) => standardOutput(exampleSpec, parseArgs(exampleSpec, argv));

test("--completion=SHELL prints that shell's script", t => {
	t.true(output('--completion=bash')!.startsWith('# bash completion for vmspawn-example'));
	t.true(output('--completion', 'zsh')!.startsWith('#compdef vmspawn-example\n'));
	t.true(output('--completion=fish')!.startsWith('# fish completion for vmspawn-example'));
});

test('an unknown shell is a usage error naming the ones there are', t => {
	t.throws(() => output('--completion=tcsh'), {instanceOf: UsageError, message: 'invalid --completion=tcsh: expected bash, zsh, fish'});
});

test('--help wins over --completion, which wins over --version', t => {
	t.true(output('--completion=bash', '--help')!.startsWith('Usage:'));
	t.true(output('--version', '--completion=bash')!.startsWith('# bash completion'));
});

test("every tool's help lists --completion with its shells", t => {
	t.regex(renderHelp(exampleSpec), /--completion=SHELL +Print a completion script for this shell and exit \(bash, zsh, fish\)/);
});
