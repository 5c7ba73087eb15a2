import test from 'ava';
import {type ToolSpec, parseArgs} from '@vmspawn/cli';
import {credentialOptionDefs, credentialOptionsInOrder} from '../src/index.js';

const spec: ToolSpec = {
	name: 'example',
	version: '1',
	summary: '',
	usage: [],
	stopAtFirstPositional: true,
	options: [...credentialOptionDefs, {name: 'image', short: 'i', kind: 'value', description: ''}],
};

const inOrder = (argv: string[]) => credentialOptionsInOrder(parseArgs(spec, argv));

test('set and load options come out interleaved as given, in both spellings', t => {
	t.deepEqual(inOrder(['--image=x.raw', '--load-credential=a:/f', '--set-credential', 'b:v', '-q', '--set-credential=c:w:x', '--load-credential', 'd:e']), [
		{option: 'load-credential', value: 'a:/f'},
		{option: 'set-credential', value: 'b:v'},
		{option: 'set-credential', value: 'c:w:x'},
		{option: 'load-credential', value: 'd:e'},
	]);
});

test('options stop at -- and at the first kernel argument', t => {
	t.deepEqual(inOrder(['--set-credential=a:1', '--', '--set-credential=b:2']), [{option: 'set-credential', value: 'a:1'}]);
	t.deepEqual(inOrder(['--set-credential=a:1', 'quiet', '--set-credential=b:2']), [{option: 'set-credential', value: 'a:1'}]);
});

test('an empty value is kept so the parser can complain about it', t => {
	t.deepEqual(inOrder(['--set-credential=']), [{option: 'set-credential', value: ''}]);
});
