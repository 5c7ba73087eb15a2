import {invalidOption} from '../errors.js';
import type {ToolSpec} from '../tool-spec.js';
import {bashCompletion} from './bash.js';
import {fishCompletion} from './fish.js';
import {completionModel} from './model.js';
import {type CompletionShell, completionShells} from './shells.js';
import {zshCompletion} from './zsh.js';

const generators: Record<CompletionShell, typeof bashCompletion> = {bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion};

/** The completion script for `--completion=SHELL`, built from the same option definitions as the parser and --help. */
export function renderCompletion(spec: ToolSpec, shell: string): string {
	if (!(completionShells as readonly string[]).includes(shell)) {
		throw invalidOption('completion', shell, `expected ${completionShells.join(', ')}`);
	}

	return generators[shell as CompletionShell](completionModel(spec));
}

export {completionShells, type CompletionShell} from './shells.js';
export {type CompletionModel, completionModel} from './model.js';
