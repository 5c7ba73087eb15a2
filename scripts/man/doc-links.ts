import type {Nodes, PhrasingContent} from 'mdast';
import type {ManualPage} from './pages.js';

// A link to another document of the repository is no use in a man page: a manual becomes its
// NAME(SECTION) reference, anything else its text.
function replacement(node: PhrasingContent, pages: readonly ManualPage[]): PhrasingContent[] {
	if (node.type !== 'link' || /^[a-z]+:/i.test(node.url)) {
		return [node];
	}

	const page = pages.find(candidate => candidate.source === node.url.split('#')[0]);
	return page ? [{type: 'strong', children: [{type: 'text', value: page.name}]}, {type: 'text', value: `(${page.section})`}] : node.children;
}

/** Rewrites relative links everywhere in the tree. */
export function rewriteDocLinks(node: Nodes, pages: readonly ManualPage[]): void {
	if (!('children' in node)) {
		return;
	}

	if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell' || node.type === 'emphasis' || node.type === 'strong') {
		node.children = node.children.flatMap(child => replacement(child, pages));
	}

	for (const child of node.children) {
		rewriteDocLinks(child, pages);
	}
}
