import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {renderCompletion} from '../src/index.js';
import {exampleSpec} from './completion-spec.js';
import {runShell} from './run-shell.js';
import {completionSyntaxError, shellInstalled} from '@vmspawn/testing';

const script = renderCompletion(exampleSpec, 'fish');
// CI installs only what scripts/setup.sh needs; without fish the real-shell tests say so in their titles.
const withFish = shellInstalled('fish') ? test : test.skip;
const needsFish = shellInstalled('fish') ? '' : ' (skipped: fish is not installed)';

const directory = mkdtempSync(join(tmpdir(), 'vmspawn-fish-'));
writeFileSync(join(directory, 'vmspawn-example.fish'), script);
mkdirSync(join(directory, 'bin'));
writeFileSync(join(directory, 'bin', 'vmspawn-example'), '#!/bin/sh\n[ "$1" = --firmware=list ] && echo /etc/fw/50-secure.json\n');
chmodSync(join(directory, 'bin', 'vmspawn-example'), 0o755);
test.after.always(() => {
	rmSync(directory, {recursive: true, force: true});
});

// What fish offers for a command line (`complete -C`), without the descriptions.
async function complete(line: string): Promise<string[]> {
	const output = await runShell('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', join(directory, 'vmspawn-example.fish'), line], script, {
		...process.env,
		PATH: `${join(directory, 'bin')}:${process.env['PATH'] ?? ''}`,
	});
	return output
		.split('\n')
		.filter(Boolean)
		.map(entry => entry.split('\t')[0]!);
}

test('one complete line per option, with its values', t => {
	t.true(script.includes(`complete -c vmspawn-example -s M -l machine -x -d 'Machine name'\n`));
	t.true(script.includes(`complete -c vmspawn-example -l console -x -a 'interactive read-only' -d 'Console [mode]: how it is shown'\n`));
	t.true(script.includes(`complete -c vmspawn-example -l discard -x -a 'yes no' -d 'Discard'\n`));
	t.true(script.includes(`complete -c vmspawn-example -l plan -r -F -d 'Read the plan from FILE'\n`));
	t.true(script.includes(`complete -c vmspawn-example -l firmware -r -F -a 'list (vmspawn-example --firmware=list 2>/dev/null)'`));
	t.true(script.includes(`complete -c vmspawn-example -l initrd -r -F -d 'Initrd\\'s path'\n`));
	t.true(script.includes(`complete -c vmspawn-example -s p -l port -x -d 'Forward a port'\n`));
	t.true(script.includes(`complete -c vmspawn-example -n __fish_use_subcommand -a 'select' -d 'Select: the default'\n`));
});

withFish(`fish -n accepts the script${needsFish}`, async t => {
	t.is(await completionSyntaxError('fish', script), undefined);
});

withFish(`fish completes options, choices, listed values and commands${needsFish}`, async t => {
	t.deepEqual(await complete('vmspawn-example --cons'), ['--console']);
	t.deepEqual((await complete('vmspawn-example --console=')).sort(), ['--console=interactive', '--console=read-only']);
	t.deepEqual((await complete('vmspawn-example --kvm ')).sort(), ['auto', 'no', 'yes']);
	t.true((await complete('vmspawn-example --firmware=')).includes('--firmware=/etc/fw/50-secure.json'));
	t.deepEqual((await complete('vmspawn-example ')).sort(), ['list', 'select']);
	t.deepEqual(await complete(`vmspawn-example -D ${directory}/bi`), [`${directory}/bin/`]);
});
