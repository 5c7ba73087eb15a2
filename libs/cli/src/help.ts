import {type OptionDef, type ToolSpec, allOptions} from './tool-spec.js';

function optionLabel(option: OptionDef): string {
	const long = option.kind === 'value' ? `--${option.name}=${option.valueName ?? 'VALUE'}` : `--${option.name}`;
	return option.short ? `-${option.short}, ${long}` : `    ${long}`;
}

function optionText(option: OptionDef): string {
	let text = option.description;
	if (option.choices) {
		text += ` (${option.choices.join(', ')})`;
	}

	if (option.defaultText !== undefined) {
		text += ` [default: ${option.defaultText}]`;
	}

	return text;
}

/** The --help text, generated from the same definitions the parser uses. */
export function renderHelp(spec: ToolSpec): string {
	const lines = spec.usage.map((usage, index) => `${index === 0 ? 'Usage:' : '      '} ${spec.name} ${usage}`);
	lines.push('', spec.summary);
	if (spec.commands?.length) {
		lines.push('', 'Commands:');
		const width = Math.max(...spec.commands.map(command => command.name.length));
		for (const command of spec.commands) {
			lines.push(`  ${command.name.padEnd(width)}  ${command.description}`);
		}
	}

	const options = allOptions(spec);
	const labels = options.map(option => optionLabel(option));
	const width = Math.min(Math.max(...labels.map(label => label.length)), 34);
	lines.push('', 'Options:');
	for (const [index, option] of options.entries()) {
		const label = labels[index]!;
		lines.push(label.length > width ? `  ${label}\n  ${' '.repeat(width)}  ${optionText(option)}` : `  ${label.padEnd(width)}  ${optionText(option)}`);
	}

	lines.push('', `See man ${spec.name} (docs/${spec.name}.md) for details.`);
	return `${lines.join('\n')}\n`;
}
