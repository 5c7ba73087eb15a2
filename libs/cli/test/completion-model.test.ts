import test from 'ava';
import {type OptionDef, type ToolSpec, completionModel} from '../src/index.js';
import {valueCandidates} from '../src/completion/model.js';

const option = (fields: Partial<OptionDef>): OptionDef => ({name: 'x', kind: 'value', description: 'X', ...fields});

test('choices are the candidates of an enumerated option', t => {
	t.deepEqual(valueCandidates(option({valueName: 'MODE', choices: ['interactive', 'gui']})), {words: ['interactive', 'gui']});
});

test('a BOOL without choices offers yes and no', t => {
	t.deepEqual(valueCandidates(option({valueName: 'BOOL'})), {words: ['yes', 'no']});
});

test('a PATH or FILE value completes file names; other placeholders complete nothing', t => {
	t.deepEqual(valueCandidates(option({valueName: 'PATH'})), {words: [], paths: 'file'});
	t.deepEqual(valueCandidates(option({valueName: 'FILE'})), {words: [], paths: 'file'});
	t.deepEqual(valueCandidates(option({valueName: 'ID:PATH'})), {words: []});
	t.deepEqual(valueCandidates(option({valueName: 'BYTES'})), {words: []});
});

test('an explicit completion replaces the guess from the placeholder', t => {
	t.deepEqual(valueCandidates(option({valueName: 'PATH', completion: {paths: 'directory'}})), {words: [], paths: 'directory'});
	t.deepEqual(valueCandidates(option({valueName: 'PATH', completion: {words: ['list'], listedBy: ['--x=list']}})), {words: ['list'], listedBy: ['--x=list']});
	t.deepEqual(valueCandidates(option({valueName: 'BOOL', choices: ['yes', 'no', 'auto'], completion: {words: ['later']}})), {
		words: ['yes', 'no', 'auto', 'later'],
	});
});

test("the model has the spec's options, the common ones, commands and a shell-safe name", t => {
	const spec: ToolSpec = {
		name: 'vmspawn-example',
		version: '1',
		summary: 'Example.',
		usage: [],
		options: [option({name: 'ram', valueName: 'BYTES'}), {name: 'dry-run', kind: 'switch', description: 'Print only'}],
		commands: [{name: 'list', description: 'List'}],
	};
	const model = completionModel(spec);
	t.is(model.identifier, 'vmspawn_example');
	t.deepEqual(
		model.options.map(entry => entry.long),
		['ram', 'dry-run', 'quiet', 'no-pager', 'help', 'version', 'completion'],
	);
	t.like(
		model.options.find(entry => entry.long === 'completion'),
		{value: {name: 'SHELL', words: ['bash', 'zsh', 'fish']}},
	);
	t.is(model.options.find(entry => entry.long === 'dry-run')!.value, undefined);
	t.deepEqual(model.commands, [{name: 'list', description: 'List'}]);
	t.false(model.optionsEndAtFirstArgument);
});
