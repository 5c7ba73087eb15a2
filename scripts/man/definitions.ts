import type {Paragraph, PhrasingContent, Root, RootContent} from 'mdast';
import {taggedEntry} from './tagged-entry.js';

// "`--tpm=BOOL`\n: Whether the guest gets a TPM..." — the manuals' definition lists (not CommonMark,
// so they arrive as one paragraph): split at the first line break followed by ": ".
function splitDefinition(paragraph: Paragraph): Paragraph[] | undefined {
	const index = paragraph.children.findIndex(child => child.type === 'text' && child.value.includes('\n: '));
	if (index < 0) {
		return undefined;
	}

	const text = paragraph.children[index] as {value: string};
	const split = text.value.indexOf('\n: ');
	const tag: PhrasingContent[] = [...paragraph.children.slice(0, index), {type: 'text', value: text.value.slice(0, split)}];
	const body: PhrasingContent[] = [{type: 'text', value: text.value.slice(split + 3)}, ...paragraph.children.slice(index + 1)];
	return taggedEntry(tag, body);
}

/** Turns every `term\n: definition` paragraph into a tagged entry. */
export function rewriteDefinitions(tree: Root): void {
	tree.children = tree.children.flatMap((node): RootContent[] => (node.type === 'paragraph' ? splitDefinition(node) ?? [node] : [node]));
}
