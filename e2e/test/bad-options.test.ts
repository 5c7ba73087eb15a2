import test from 'ava';
import {type ToolName, runTool} from '../helpers/tools.js';

const tools: ToolName[] = ['vmspawn-firmware', 'vmspawn-cid', 'vmspawn-tpm', 'vmspawn-fs', 'vmspawn-run'];

for (const tool of tools) {
	test(`${tool} answers a bad option with one line naming it and exit 22`, async t => {
		const result = await runTool(tool, ['--no-such-option=1']);
		t.is(result.exitCode, 22);
		t.is(result.stdout, '');
		t.is(result.stderr, `${tool}: unknown option --no-such-option\n`);
	});

	test(`${tool} --help and --version work from the installed command`, async t => {
		const help = await runTool(tool, ['--help']);
		t.is(help.exitCode, 0);
		t.true(help.stdout.startsWith(`Usage: ${tool} `));
		const version = await runTool(tool, ['--version']);
		t.regex(version.stdout, new RegExp(`^${tool} \\d+\\.\\d+\\.\\d+\\n$`));
	});
}
