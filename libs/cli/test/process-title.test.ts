import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import test from 'ava';

const fixture = fileURLToPath(new URL('fixtures/print-cmdline.ts', import.meta.url));

test("after parsing, ps still shows the tool's options: meow does not rename the process", t => {
	const shown = execFileSync(process.execPath, ['--import=tsx', '--conditions=@vmspawn/source', fixture, '--machine=web1', 'extra'], {encoding: 'utf8'});
	t.is(shown, '--machine=web1 extra');
});
