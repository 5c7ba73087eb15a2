import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {renderCompletion} from '../src/index.js';
import {exampleSpec} from './completion-spec.js';
import {completeInBash} from '@vmspawn/testing';

// Real bash, with the words as bash splits them: COMP_WORDBREAKS makes `--console=r` three words.
const script = renderCompletion(exampleSpec, 'bash');
const complete = async (...words: string[]) => completeInBash(script, ['vmspawn-example', ...words]);

const directory = mkdtempSync(join(tmpdir(), 'vmspawn-completion-'));
mkdirSync(join(directory, 'guest-root'));
writeFileSync(join(directory, 'guest.plan'), '{}');
// A stand-in for the tool on PATH, answering --firmware=list as the real tools do.
mkdirSync(join(directory, 'bin'));
writeFileSync(
	join(directory, 'bin', 'vmspawn-example'),
	'#!/bin/sh\n[ "$1" = --firmware=list ] && printf "%s\\n" /etc/fw/50-secure.json /etc/fw/60-plain.json\n',
);
chmodSync(join(directory, 'bin', 'vmspawn-example'), 0o755);
test.after.always(() => {
	rmSync(directory, {recursive: true, force: true});
});

test('a long option prefix completes to the option, with = for one that takes a value', async t => {
	t.deepEqual(await complete('--cons'), ['--console=']);
	t.deepEqual(await complete('--dry'), ['--dry-run']);
	t.deepEqual(await complete('--comp'), ['--completion=']);
});

test('a lone dash offers every long and short option', async t => {
	const offered = await complete('-');
	t.true(offered.includes('-M'));
	t.true(offered.includes('--machine='));
	t.true(offered.includes('--help'));
	t.true(offered.includes('-q'));
});

test('the choices of an enumerated option, after = or as the next word', async t => {
	t.deepEqual(await complete('--console', '='), ['interactive', 'read-only']);
	t.deepEqual(await complete('--console', '=', 're'), ['read-only']);
	t.deepEqual(await complete('--console', ''), ['interactive', 'read-only']);
	// Where = is not a word break, the reply is the whole word.
	t.deepEqual(await complete('--console=i'), ['--console=interactive']);
});

test('boolean options offer their words', async t => {
	t.deepEqual(await complete('--kvm', '='), ['yes', 'no', 'auto']);
	t.deepEqual(await complete('--discard', '='), ['yes', 'no']);
	t.deepEqual(await complete('--completion', '='), ['bash', 'zsh', 'fish']);
});

test('path options complete file names, directory options only directories', async t => {
	const inside = `${directory}/guest`;
	t.deepEqual((await complete('--plan', '=', inside)).sort(), [join(directory, 'guest-root'), join(directory, 'guest.plan')]);
	t.deepEqual(await complete('-D', inside), [join(directory, 'guest-root')]);
	t.deepEqual(await complete('--initrd', inside).then(found => found.sort()), [join(directory, 'guest-root'), join(directory, 'guest.plan')]);
});

test('listed values come from the tool itself, besides fixed words and files', async t => {
	const offered = await completeInBash(script, ['vmspawn-example', '--firmware', '=', ''], {
		env: {...process.env, PATH: `${join(directory, 'bin')}:${process.env['PATH'] ?? ''}`},
		cwd: join(directory, 'guest-root'),
	});
	t.deepEqual(offered, ['list', '/etc/fw/50-secure.json', '/etc/fw/60-plain.json']);
});

test('a value without candidates offers nothing, and the option after it is completed again', async t => {
	t.deepEqual(await complete('-M', ''), []);
	t.deepEqual(await complete('--port', '=', '80'), []);
	t.deepEqual(await complete('-M', 'web1', '--cons'), ['--console=']);
	t.deepEqual(await complete('--port', '=', 'tcp', ':', '80', '--dry'), ['--dry-run']);
});

test("commands in the first argument's place, not after one", async t => {
	t.deepEqual(await complete(''), ['select', 'list']);
	t.deepEqual(await complete('l'), ['list']);
	t.deepEqual(await complete('-M', 'web1', ''), ['select', 'list']);
	t.deepEqual(await complete('list', ''), []);
});

test('after -- there are no options', async t => {
	t.deepEqual(await complete('--', '--cons'), []);
});

test('where options end at the first argument (vmspawn-run), none are offered after it', async t => {
	const stopping = renderCompletion({...exampleSpec, commands: [], stopAtFirstPositional: true}, 'bash');
	t.deepEqual(await completeInBash(stopping, ['vmspawn-example', '--cons']), ['--console=']);
	t.deepEqual(await completeInBash(stopping, ['vmspawn-example', 'quiet', '--cons']), []);
	t.deepEqual(await completeInBash(stopping, ['vmspawn-example', '']), []);
});

// Every test above also loads the script (a syntax error fails it) and finds the function through `complete -p`.
test('the script registers its function for the command', t => {
	t.regex(script, /^complete -F _vmspawn_example vmspawn-example$/m);
});
