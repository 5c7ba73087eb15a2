import type {Paragraph, PhrasingContent, Root, RootContent} from 'mdast';
import {plainText} from './plain-text.js';
import {taggedEntry} from './tagged-entry.js';

type Cell = PhrasingContent[];

const delimiterRow = /^[\s|:-]*-[\s|:-]*$/;

function blank(cell: Cell): boolean {
	return cell.every(node => node.type === 'text' && node.value.trim() === '');
}

function trimCell(cell: Cell): Cell {
	const trimmed = cell.map(node => ({...node}));
	const first = trimmed[0];
	const last = trimmed.at(-1);
	if (first?.type === 'text') {
		first.value = first.value.trimStart();
	}

	if (last?.type === 'text') {
		last.value = last.value.trimEnd();
	}

	return trimmed;
}

// In GFM a table cell's code may hold an escaped pipe; plain CommonMark leaves the backslash.
function unescapePipes(node: PhrasingContent): PhrasingContent {
	return node.type === 'inlineCode' ? {...node, value: node.value.replaceAll('\\|', '|')} : node;
}

// Rows are split at line breaks and cells at pipes in the text between the inline nodes.
function parseRows(paragraph: Paragraph): Cell[][] {
	const rows: Cell[][] = [[[]]];
	for (const child of paragraph.children) {
		const row = rows.at(-1)!;
		if (child.type !== 'text') {
			row.at(-1)!.push(unescapePipes(child));
			continue;
		}

		for (const part of child.value.split(/(\n|\|)/)) {
			if (part === '\n') {
				rows.push([[]]);
			} else if (part === '|') {
				rows.at(-1)!.push([]);
			} else if (part !== '') {
				rows.at(-1)!.at(-1)!.push({type: 'text', value: part});
			}
		}
	}

	// The leading and trailing pipes of a row leave a blank cell at either end.
	return rows.map(row => row.filter((cell, index) => !((index === 0 || index === row.length - 1) && blank(cell))).map(cell => trimCell(cell)));
}

function isTable(paragraph: Paragraph): boolean {
	const lines = plainText(paragraph).split('\n');
	return lines.length > 2 && lines[0]!.startsWith('|') && delimiterRow.test(lines[1]!);
}

// A row becomes an entry tagged with its first cell; with more than two columns each
// further cell is introduced by its column's heading.
function rowEntry(header: readonly Cell[], row: readonly Cell[]): Paragraph[] {
	const [tag = [], ...cells] = row;
	if (cells.length === 1) {
		return taggedEntry(tag, cells[0]!);
	}

	const body = cells.flatMap((cell, index): PhrasingContent[] => [
		...(index > 0 ? [{type: 'text', value: '; '} as const] : []),
		{type: 'emphasis', children: header[index + 1] ?? []},
		{type: 'text', value: ': '},
		...cell,
	]);
	return taggedEntry(tag, body);
}

/** Turns pipe tables (GFM, which plain remark-parse reads as paragraphs) into tagged entries, as man pages list such things. */
export function rewriteTables(tree: Root): void {
	tree.children = tree.children.flatMap((node): RootContent[] => {
		if (node.type !== 'paragraph' || !isTable(node)) {
			return [node];
		}

		const [header = [], , ...rows] = parseRows(node);
		return rows.flatMap(row => rowEntry(header, row));
	});
}
