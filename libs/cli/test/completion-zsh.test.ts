import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {renderCompletion} from '../src/index.js';
import {exampleSpec} from './completion-spec.js';
import {runShell} from './run-shell.js';
import {completionSyntaxError, shellInstalled} from '@vmspawn/testing';

const script = renderCompletion(exampleSpec, 'zsh');
// CI installs only what scripts/setup.sh needs; without zsh the real-shell tests say so in their titles.
const withZsh = shellInstalled('zsh') ? test : test.skip;
const needsZsh = shellInstalled('zsh') ? '' : ' (skipped: zsh is not installed)';

test('options become _arguments specs: both spellings, the value, repetition', t => {
	t.true(script.includes(`'(-M --machine)'{-M+,--machine=}'[Machine name]'':NAME: '`));
	t.true(script.includes(String.raw`'*'{-p+,--port=}'[Forward a port]'':[PROTO\:]HOST[\:GUEST]: '`));
	t.true(script.includes(String.raw`'*--initrd=''[Initrd'\''s path]':PATH:_vmspawn_example_initrd`));
	t.true(script.includes(String.raw`--console='[Console \[mode\]: how it is shown]':MODE:_vmspawn_example_console`));
	t.true(script.includes(`--dry-run'[Print {"plan"} only]'`));
});

test("value helpers offer choices, booleans, the tool's own list and paths", t => {
	t.regex(script, /^_vmspawn_example_console\(\) \{\n\tlocal ret=1\n\tcompadd -- interactive read-only && ret=0\n\treturn ret\n\}$/m);
	t.true(script.includes('compadd -- yes no && ret=0'));
	t.true(script.includes('listed=(${(f)"$(_call_program listed vmspawn-example --firmware=list 2>/dev/null)"})'));
	t.regex(script, /^_vmspawn_example_directory\(\) \{\n\tlocal ret=1\n\t_files -\/ && ret=0/m);
	t.true(script.includes(`'1:command:_vmspawn_example_commands'`));
	t.true(script.includes(`local -a commands=('select:Select: the default' 'list:List them')`));
});

test('options end at the first argument only for a tool that stops there', t => {
	t.true(script.includes('_arguments -s -S \\'));
	t.true(renderCompletion({...exampleSpec, stopAtFirstPositional: true}, 'zsh').includes(`_arguments -s -S -A '-*' \\`));
});

withZsh(`zsh -n accepts the script${needsZsh}`, async t => {
	t.is(await completionSyntaxError('zsh', script), undefined);
});

withZsh(`compinit finds the file in $fpath by its #compdef line${needsZsh}`, async t => {
	const directory = mkdtempSync(join(tmpdir(), 'vmspawn-zsh-'));
	try {
		writeFileSync(join(directory, '_vmspawn-example'), script);
		const found = await runShell(
			'zsh',
			['-f', '-c', `fpath=(${directory} $fpath); autoload -U compinit && compinit -u -D && print -r -- $_comps[vmspawn-example]`],
			script,
		);
		t.is(found, '_vmspawn-example\n');
	} finally {
		rmSync(directory, {recursive: true, force: true});
	}
});

withZsh(`sourced after compinit, the script registers itself${needsZsh}`, async t => {
	const found = await runShell('zsh', ['-f', '-c', 'autoload -U compinit && compinit -u -D && eval "$SCRIPT" && print -r -- $_comps[vmspawn-example]'], script);
	t.is(found, '_vmspawn-example\n');
});
