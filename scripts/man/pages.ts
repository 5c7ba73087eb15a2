import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';

/** One manual page made from a Markdown file in docs/. */
export type ManualPage = {
	readonly source: string;
	readonly name: string;
	readonly section: number;
	/** For a file without a `# NAME(SECTION)` heading and NAME section of its own. */
	readonly description?: string;
};

// Documents that are manuals without being written as one: the plan format is a file format (section 5).
const extraPages: readonly ManualPage[] = [
	{source: 'plan.md', name: 'vmspawn-plan', section: 5, description: 'the JSON document the vmspawn tools exchange'},
];

const manualHeading = /^# ([\w.-]+)\((\d)\)\s*$/m;

/** Every manual in `docsDir`: the files headed `# NAME(SECTION)` (the tools), then the extra pages. */
export function manualPages(docsDir: string): ManualPage[] {
	const headed = readdirSync(docsDir).filter(file => file.endsWith('.md')).sort().flatMap(file => {
		const match = manualHeading.exec(readFileSync(join(docsDir, file), 'utf8').split('\n', 1)[0]!);
		return match ? [{source: file, name: match[1]!, section: Number(match[2])}] : [];
	});
	return [...headed, ...extraPages];
}

/** Where a page is written, relative to the repository, as package.json's "man" lists it. */
export function pagePath(page: ManualPage): string {
	return `man/man${page.section}/${page.name}.${page.section}`;
}
