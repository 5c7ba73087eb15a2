import type {Nodes} from 'mdast';

/** The text of a Markdown node without its markup (mdast-util-to-string is only a dependency of a dependency). */
export function plainText(node: Nodes): string {
	if ('value' in node && typeof node.value === 'string') {
		return node.value;
	}

	return 'children' in node ? node.children.map(child => plainText(child)).join('') : '';
}
