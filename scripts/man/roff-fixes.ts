import {tagMark} from './tagged-entry.js';

// The requests remark-man writes; any other line starting with . or ' is text that troff would misread.
const requests = /^\.(TH|SH|SS|P|PP|TP|IP|RS|RE|nf|fi|br|TS|TE|nh|ad)( |$)/;

function textLine(line: string): string {
	// \- is a minus, which copies and searches as the - of an option; a bare - may be shown as a hyphen (U+2010).
	const minuses = line.replaceAll(/\\\[[^\]]*\]|\\.|-/g, match => (match === '-' ? '\\-' : match));
	return /^[.']/.test(minuses) ? `\\&${minuses}` : minuses;
}

// As systemd's pages: no hyphenation (it would split options) and a ragged right margin.
function plainSetting(roff: string): string {
	return roff.replace(/^(\.TH .*\n)/, '$1.nh\n.ad l\n');
}

/** Finishes remark-man's roff: tagged entries become .TP, and text lines are made safe. */
export function fixRoff(roff: string): string {
	const entries = roff.replaceAll(new RegExp(`^\\.P\\n${tagMark}(.*)\\n\\.P\\n`, 'gm'), '.TP\n$1\n');
	return plainSetting(entries.split('\n').map(line => (requests.test(line) ? line : textLine(line))).join('\n'));
}
