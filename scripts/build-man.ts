// Writes the manual pages: roff made from docs/*.md into man/manN/, which package.json's "man"
// lists so that `npm install -g` and `npm link` install them. `--print NAME` writes one page to stdout.
import {mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {type ManualPage, manualPages, pagePath} from './man/pages.js';
import {renderManual} from './man/render.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const docs = join(root, 'docs');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string; man?: string[]};

// SOURCE_DATE_EPOCH makes the footer date reproducible; otherwise it is when the Markdown last changed.
function pageDate(page: ManualPage): Date {
	const epoch = process.env['SOURCE_DATE_EPOCH'];
	return epoch ? new Date(Number(epoch) * 1000) : statSync(join(docs, page.source)).mtime;
}

function render(page: ManualPage, pages: readonly ManualPage[]): string {
	return renderManual(readFileSync(join(docs, page.source), 'utf8'), page, pages, {
		date: pageDate(page),
		version: `vmspawn-ts ${packageJson.version}`,
		manual: 'vmspawn-ts',
	});
}

const pages = manualPages(docs);
const [flag, name] = process.argv.slice(2);
if (flag === '--print') {
	const page = pages.find(candidate => candidate.name === name);
	if (!page) {
		process.stderr.write(`build-man: no manual page ${name} (there are ${pages.map(candidate => candidate.name).join(', ')})\n`);
		process.exit(2);
	}

	process.stdout.write(render(page, pages));
} else {
	// A page missing from "man" would be built but never installed; a stale entry would break npm's linking.
	const expected = pages.map(page => `./${pagePath(page)}`);
	if (JSON.stringify(packageJson.man ?? []) !== JSON.stringify(expected)) {
		process.stderr.write(`build-man: package.json "man" must list exactly the generated pages: ${JSON.stringify(expected)}\n`);
		process.exit(1);
	}

	rmSync(join(root, 'man'), {recursive: true, force: true});
	for (const page of pages) {
		const path = join(root, pagePath(page));
		mkdirSync(dirname(path), {recursive: true});
		writeFileSync(path, render(page, pages));
	}
}
