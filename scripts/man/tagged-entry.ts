import type {Paragraph, PhrasingContent} from 'mdast';

/**
 * Marks a paragraph as the tag of a `.TP` entry (an option, an exit status), for fixRoff() to
 * turn into one: remark-man knows no definition lists. A private-use character, never in a manual.
 */
export const tagMark = '\uE000';

/** The tag paragraph and the body paragraph of one entry. */
export function taggedEntry(tag: readonly PhrasingContent[], body: readonly PhrasingContent[]): Paragraph[] {
	return [
		{type: 'paragraph', children: [{type: 'text', value: tagMark}, ...tag]},
		{type: 'paragraph', children: [...body]},
	];
}
