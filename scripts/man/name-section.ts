import type {Root} from 'mdast';
import {plainText} from './plain-text.js';

/**
 * Takes the description out of the Markdown's own `## NAME` section ("tool — what it does")
 * and drops the section: remark-man writes NAME itself from the title and this description.
 */
export function takeNameSection(tree: Root): string | undefined {
	const index = tree.children.findIndex(node => node.type === 'heading' && node.depth === 2 && plainText(node).trim().toUpperCase() === 'NAME');
	const paragraph = tree.children[index + 1];
	if (index < 0 || paragraph?.type !== 'paragraph') {
		return undefined;
	}

	tree.children.splice(index, 2);
	const text = plainText(paragraph).replaceAll(/\s+/g, ' ').trim();
	const dash = text.search(/\s[—–-]\s/);
	return dash < 0 ? text : text.slice(dash + 3).trim();
}
