import type {Root} from 'mdast';
import remarkMan from 'remark-man';
import remarkParse from 'remark-parse';
import {unified} from 'unified';
import {joinCodeSpanLines} from './code-spans.js';
import {rewriteDefinitions} from './definitions.js';
import {ensureDescriptionHeading} from './description-heading.js';
import {rewriteDocLinks} from './doc-links.js';
import {takeNameSection} from './name-section.js';
import type {ManualPage} from './pages.js';
import {fixRoff} from './roff-fixes.js';
import {rewriteTables} from './tables.js';

export type PageMetadata = {
	/** Shown as month and year in the footer. */
	readonly date: Date;
	/** Shown at the left of the footer, e.g. `vmspawn-ts 0.1.0`. */
	readonly version: string;
	readonly manual: string;
};

/** A Markdown manual as a roff man page. `pages` are the other manuals, for links to them. */
export function renderManual(markdown: string, page: ManualPage, pages: readonly ManualPage[], metadata: PageMetadata): string {
	const tree: Root = unified().use(remarkParse).parse(markdown);
	const description = page.description ?? takeNameSection(tree);
	ensureDescriptionHeading(tree);
	joinCodeSpanLines(tree);
	rewriteTables(tree);
	rewriteDefinitions(tree);
	rewriteDocLinks(tree, pages);
	const roff = unified().use(remarkMan, {
		name: page.name,
		section: page.section,
		...(description ? {description} : {}),
		date: metadata.date,
		version: metadata.version,
		manual: metadata.manual,
	}).stringify(tree);
	return fixRoff(String(roff));
}
