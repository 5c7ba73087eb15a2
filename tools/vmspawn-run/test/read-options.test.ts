import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import test from 'ava';
import {UsageError, parseArgs} from '@vmspawn/cli';
import {readRunOptions} from '../src/read-options.js';
import {spec} from '../src/spec.js';
import {fakeHost} from '@vmspawn/testing';

const host = fakeHost();

test("relative paths are taken from the io's directory, not the process's", t => {
	const cwd = mkdtempSync(join(tmpdir(), 'vmspawn-read-options-'));
	t.teardown(() => rmSync(cwd, {recursive: true, force: true}));
	mkdirSync(join(cwd, 'data'));
	const options = readRunOptions(parseArgs(spec, ['--directory=root', '--bind=data:/srv']), {cwd, host});
	t.is(options.fs?.cwd, cwd);
	t.is(options.fs?.binds[0]?.source, join(cwd, 'data'));
	t.is(options.arch, 'x86_64');
});

test("a host qemu has no architecture for is refused, naming the host's architecture", t => {
	t.throws(() => readRunOptions(parseArgs(spec, []), {cwd: '/', host: fakeHost({arch: 'mips'})}), {
		instanceOf: UsageError,
		message: 'the native architecture mips is not supported by qemu',
	});
});
