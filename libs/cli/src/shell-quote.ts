// Words a POSIX shell takes as they are need no quotes; the rest get single quotes. One rule for
// the completion scripts, the ssh command we print and the --list table, so all paste alike.

/** A POSIX-shell single-quoted word (bash and zsh read it the same way). */
export function shellQuote(word: string): string {
	return /^[\w./@%+,:=-]+$/.test(word) ? word : `'${word.replaceAll("'", String.raw`'\''`)}'`;
}

/** A command as one line a user can paste into a shell. */
export function shellLine(argv: readonly string[]): string {
	return argv.map(word => shellQuote(word)).join(' ');
}

/** A fish single-quoted string: only backslash and quote are special inside. */
export function fishQuote(text: string): string {
	return `'${text.replaceAll(/[\\']/g, match => `\\${match}`)}'`;
}
