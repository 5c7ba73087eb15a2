/** A POSIX-shell single-quoted word (bash and zsh read it the same way). */
export function shellQuote(word: string): string {
	return /^[\w./@%+,:=-]+$/.test(word) ? word : `'${word.replaceAll("'", String.raw`'\''`)}'`;
}

/** A fish single-quoted string: only backslash and quote are special inside. */
export function fishQuote(text: string): string {
	return `'${text.replaceAll(/[\\']/g, match => `\\${match}`)}'`;
}
