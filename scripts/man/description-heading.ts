import type {Root} from 'mdast';

/** Text right under the title (as in plan.md) gets a DESCRIPTION heading: in a man page every text is in a section. */
export function ensureDescriptionHeading(tree: Root): void {
	const first = tree.children.findIndex(node => !(node.type === 'heading' && node.depth === 1));
	const node = tree.children[first];
	if (node && node.type !== 'heading') {
		tree.children.splice(first, 0, {type: 'heading', depth: 2, children: [{type: 'text', value: 'DESCRIPTION'}]});
	}
}
