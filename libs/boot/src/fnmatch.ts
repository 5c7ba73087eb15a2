/**
 * fnmatch(3) without flags, in time linear in the name for each star of the
 * pattern (O(pattern × name) at worst): `*` any run of characters, `?` one,
 * `[...]` a class (ranges, `!` or `^` to negate, `]` first is literal), `\`
 * quotes the next character. Patterns come from a guest's loader.conf, so no
 * RegExp is built from them (a regex of `a*a*a*…c` backtracks exponentially).
 * Hand-written: the npm globbers (picomatch, minimatch, micromatch, matcher,
 * wildcard-match, glob-to-regexp) compile to RegExp, and none is plain fnmatch. Named classes ([:alpha:]) are not supported.
 */
type Token = {readonly kind: 'star'} | {readonly kind: 'one'; readonly matches: (character: string) => boolean};

type ClassRead = {readonly token: Token; readonly next: number};

// A `[...]` class starting at `start` (the `[`); undefined when it is not closed (then `[` is literal).
function readClass(pattern: readonly string[], start: number): ClassRead | undefined {
	let index = start + 1;
	const negated = pattern[index] === '!' || pattern[index] === '^';
	if (negated) {
		index++;
	}

	const ranges: Array<[string, string]> = [];
	for (let first = true; index < pattern.length && (first || pattern[index] !== ']'); first = false) {
		let low = pattern[index]!;
		if (low === '\\' && index + 1 < pattern.length) {
			low = pattern[++index]!;
		}

		index++;
		let high = low;
		if (pattern[index] === '-' && index + 1 < pattern.length && pattern[index + 1] !== ']') {
			high = pattern[index + 1]!;
			if (high === '\\' && index + 2 < pattern.length) {
				high = pattern[++index + 1]!;
			}

			index += 2;
		}

		ranges.push([low, high]);
	}

	if (index >= pattern.length) {
		return undefined;
	}

	const inClass = (character: string) => ranges.some(([low, high]) => character >= low && character <= high);
	return {token: {kind: 'one', matches: character => inClass(character) !== negated}, next: index + 1};
}

function tokenize(pattern: string): Token[] {
	const characters = Array.from(pattern);
	const tokens: Token[] = [];
	for (let index = 0; index < characters.length; ) {
		const character = characters[index]!;
		const bracket = character === '[' ? readClass(characters, index) : undefined;
		if (bracket) {
			tokens.push(bracket.token);
			index = bracket.next;
		} else if (character === '*') {
			tokens.push({kind: 'star'});
			index++;
		} else if (character === '?') {
			tokens.push({kind: 'one', matches: () => true});
			index++;
		} else {
			const literal = character === '\\' && index + 1 < characters.length ? characters[++index]! : character;
			tokens.push({kind: 'one', matches: other => other === literal});
			index++;
		}
	}

	return tokens;
}

function matchTokens(tokens: readonly Token[], characters: readonly string[]): boolean {
	let token = 0;
	let position = 0;
	// Where to retry after the last star: its token, and the name position it has swallowed up to.
	let starToken = -1;
	let starPosition = 0;
	while (position < characters.length) {
		const current = tokens[token];
		if (current?.kind === 'star') {
			starToken = token++;
			starPosition = position;
		} else if (current?.matches(characters[position]!)) {
			token++;
			position++;
		} else if (starToken >= 0) {
			// Every token after a star matches one character, so letting the star take one more is all there is to retry.
			token = starToken + 1;
			position = ++starPosition;
		} else {
			return false;
		}
	}

	while (tokens[token]?.kind === 'star') {
		token++;
	}

	return token === tokens.length;
}

/** The fnmatch(3) `pattern` (no flags) as a test of names: parsed once for many names. */
export function compileGlob(pattern: string): (name: string) => boolean {
	const tokens = tokenize(pattern);
	return name => matchTokens(tokens, Array.from(name));
}

/** Whether `name` matches the fnmatch(3) `pattern` (no flags). */
export function fnmatch(pattern: string, name: string): boolean {
	return compileGlob(pattern)(name);
}
