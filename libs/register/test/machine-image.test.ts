import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {CliError} from '@vmspawn/cli';
import {findMachineImage, machineSearchDirs} from '../src/index.js';

function searchDirs(t: {teardown(fn: () => void): void}): string[] {
	const base = mkdtempSync(join(tmpdir(), 'vmspawn-machines-'));
	t.teardown(() => rmSync(base, {recursive: true, force: true}));
	return ['etc', 'var', 'usr'].map(name => {
		mkdirSync(join(base, name));
		return join(base, name);
	});
}

test("upstream's search path for machines, /etc first, root's directories only", t => {
	t.deepEqual(machineSearchDirs, [
		'/etc/machines',
		'/run/machines',
		'/run/systemd/machines',
		'/var/lib/machines',
		'/var/lib/container',
		'/usr/local/lib/machines',
		'/usr/lib/machines',
	]);
});

test('the first directory holding NAME or NAME.raw wins; in one directory, the directory NAME before NAME.raw', t => {
	const [etc, variable, usr] = searchDirs(t);
	writeFileSync(join(usr!, 'web1.raw'), '');
	t.deepEqual(findMachineImage('web1', [etc!, variable!, usr!]), {image: join(usr!, 'web1.raw')});
	mkdirSync(join(variable!, 'web1'));
	writeFileSync(join(variable!, 'web1.raw'), '');
	t.deepEqual(findMachineImage('web1', [etc!, variable!, usr!]), {directory: join(variable!, 'web1')});
	// machinectl link puts symbolic links there: followed, and the target is what boots.
	symlinkSync(join(usr!, 'web1.raw'), join(etc!, 'web1.raw'));
	t.deepEqual(findMachineImage('web1', [etc!, variable!, usr!]), {image: join(usr!, 'web1.raw')});
	symlinkSync(join(variable!, 'web1'), join(etc!, 'web1'));
	t.deepEqual(findMachineImage('web1', [etc!, variable!, usr!]), {directory: join(variable!, 'web1')});
});

test('a file NAME (not .raw), a directory NAME.raw or a dangling link is no image', t => {
	const [etc] = searchDirs(t);
	writeFileSync(join(etc!, 'web1'), '');
	mkdirSync(join(etc!, 'web1.raw'));
	symlinkSync('/nonexistent', join(etc!, 'web2.raw'));
	for (const name of ['web1', 'web2']) {
		const error = t.throws(() => findMachineImage(name, [etc!]), {instanceOf: CliError});
		t.is(error?.message, `no image for machine '${name}': neither a directory ${name} nor an image ${name}.raw in ${etc!}; give --image= or --directory=`);
		t.is(error?.exitCode, 2);
	}
});

test('a name that could leave the search directories is refused before any look-up', t => {
	const [etc] = searchDirs(t);
	for (const name of ['..', '../etc', 'a/b', '.hidden', '', 'a..b']) {
		t.throws(() => findMachineImage(name, [etc!], () => 'directory'), {instanceOf: CliError, message: /^invalid --machine=/}, name);
	}
});
