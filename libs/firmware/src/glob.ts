// fnmatch(3) without flags, as QEMU firmware descriptors use it for machine types:
// `*` any run of characters, `?` one character, `[...]` a set (`[!...]` or `[^...]` negated),
// a backslash quotes the next character. A malformed set matches itself literally.

function escapeRegExp(text: string): string {
	return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function setToRegExp(glob: string, start: number): {source: string; end: number} | undefined {
	let index = start + 1;
	let negate = false;
	if (glob[index] === '!' || glob[index] === '^') {
		negate = true;
		index++;
	}

	let body = '';
	// A `]` right after the opening bracket is a member, not the end.
	for (let first = true; index < glob.length; index++, first = false) {
		const char = glob[index]!;
		if (char === ']' && !first) {
			return {source: `[${negate ? '^' : ''}${body}]`, end: index};
		}

		if (char === '-' && !first && glob[index + 1] !== ']') {
			body += '-';
		} else {
			body += escapeRegExp(char === '\\' && index + 1 < glob.length ? glob[++index]! : char);
		}
	}

	return undefined;
}

export function globToRegExp(glob: string): RegExp {
	let source = '';
	for (let index = 0; index < glob.length; index++) {
		const char = glob[index]!;
		if (char === '*') {
			source += '[\\s\\S]*';
		} else if (char === '?') {
			source += '[\\s\\S]';
		} else if (char === '[') {
			const set = setToRegExp(glob, index);
			source += set ? set.source : '\\[';
			index = set ? set.end : index;
		} else if (char === '\\' && index + 1 < glob.length) {
			source += escapeRegExp(glob[++index]!);
		} else {
			source += escapeRegExp(char);
		}
	}

	return new RegExp(`^${source}$`);
}

export function globMatches(glob: string, text: string): boolean {
	return globToRegExp(glob).test(text);
}
