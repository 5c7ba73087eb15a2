import {UsageError} from './errors.js';

const escapes: Record<string, string> = {n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'", ' ': ' '};

/**
 * Splits a string into words the way systemd's extract_first_word() does with
 * quotes and C escapes: 'single' and "double" quotes group, backslash escapes.
 */
export function splitShellWords(text: string, what: string): string[] {
	const words: string[] = [];
	let word: string | undefined;
	let quote: '"' | "'" | undefined;
	for (let index = 0; index < text.length; index++) {
		const char = text[index]!;
		if (char === '\\' && quote !== "'") {
			const next = text[++index];
			if (next === undefined) {
				throw new UsageError(`${what}: trailing backslash`);
			}

			if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(index + 1, index + 3))) {
				word = (word ?? '') + String.fromCharCode(Number.parseInt(text.slice(index + 1, index + 3), 16));
				index += 2;
			} else {
				word = (word ?? '') + (escapes[next] ?? next);
			}
		} else if (quote !== undefined) {
			if (char === quote) {
				quote = undefined;
			} else {
				word = (word ?? '') + char;
			}
		} else if (char === '"' || char === "'") {
			quote = char;
			word ??= '';
		} else if (/\s/.test(char)) {
			if (word !== undefined) {
				words.push(word);
				word = undefined;
			}
		} else {
			word = (word ?? '') + char;
		}
	}

	if (quote !== undefined) {
		throw new UsageError(`${what}: unterminated ${quote} quote`);
	}

	if (word !== undefined) {
		words.push(word);
	}

	return words;
}
