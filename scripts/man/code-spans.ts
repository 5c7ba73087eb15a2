import type {Nodes} from 'mdast';

/**
 * A code span that wraps in the Markdown keeps the line break and the next line's indentation;
 * CommonMark reads that as one space, and in roff a line starting with spaces would break the text.
 */
export function joinCodeSpanLines(node: Nodes): void {
	if (node.type === 'inlineCode') {
		node.value = node.value.replaceAll(/[ \t]*\n[ \t]*/g, ' ');
	} else if ('children' in node) {
		for (const child of node.children) {
			joinCodeSpanLines(child);
		}
	}
}
