import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import test from 'ava';
import {CliError, UsageError} from '@vmspawn/cli';
import {parseBind, parseBinds, splitBind} from '../src/index.js';
import {scratchDir} from '@vmspawn/testing';

test('the source ends at the first unescaped colon and the destination is the rest, verbatim', t => {
	t.deepEqual(splitBind('/a:/b'), {source: '/a', target: '/b'});
	t.deepEqual(splitBind('/a\\:b:/c\\:d:e'), {source: '/a:b', target: '/c\\:d:e'});
	t.deepEqual(splitBind('/a\\\\:/b'), {source: '/a\\', target: '/b'});
	t.deepEqual(splitBind('/only'), {source: '/only', target: undefined});
	t.deepEqual(splitBind('/a:'), {source: '/a', target: ''});
	t.is(splitBind('/a\\'), undefined);
});

test('a bind without destination mounts the source at the same path', t => {
	const directory = scratchDir(t);
	t.deepEqual(parseBind('bind', directory), {source: directory, target: directory, readOnly: false, given: `--bind=${directory}`});
	t.true(parseBind('bind-ro', `${directory}:/data`).readOnly);
});

test('an escaped colon belongs to the source directory', t => {
	const directory = scratchDir(t);
	mkdirSync(join(directory, 'a:b'));
	const bind = parseBind('bind', `${directory}/a\\:b:/mnt/x`);
	t.is(bind.source, join(directory, 'a:b'));
	t.is(bind.target, '/mnt/x');
});

test('a relative source is made absolute against the working directory', t => {
	const directory = scratchDir(t);
	mkdirSync(join(directory, 'shared'));
	t.is(parseBind('bind', 'shared:/srv', directory).source, join(directory, 'shared'));
	t.is(parseBind('bind', './shared/../shared:/srv', directory).source, join(directory, 'shared'));
});

test('a relative source needs a destination', t => {
	const directory = scratchDir(t);
	mkdirSync(join(directory, 'shared'));
	const error = t.throws(() => parseBind('bind', 'shared', directory), {instanceOf: UsageError});
	t.is(error?.message, 'invalid --bind=shared: the source shared is relative, so a destination is needed (SRC:DST)');
});

test('a destination that is not absolute is refused', t => {
	const directory = scratchDir(t);
	const error = t.throws(() => parseBind('bind-ro', `${directory}:data`), {instanceOf: UsageError});
	t.is(error?.message, `invalid --bind-ro=${directory}:data: the destination data is not an absolute path`);
	t.regex(t.throws(() => parseBind('bind', `${directory}:`))?.message ?? '', /the destination \(empty\) is not an absolute path$/);
});

test('a missing source is ENOENT and names the option', t => {
	const directory = scratchDir(t);
	const error = t.throws(() => parseBind('bind', `${directory}/nope:/x`), {instanceOf: CliError});
	t.is(error?.message, `invalid --bind=${directory}/nope:/x: ${directory}/nope does not exist`);
	t.is(error?.exitCode, 2);
});

test('a source that is not a directory is ENOTDIR', t => {
	const directory = scratchDir(t);
	writeFileSync(join(directory, 'file'), '');
	const error = t.throws(() => parseBind('bind-ro', `${directory}/file:/x`), {instanceOf: CliError});
	t.is(error?.message, `invalid --bind-ro=${directory}/file:/x: ${directory}/file is not a directory`);
	t.is(error?.exitCode, 20);
});

test('empty sources and trailing backslashes are usage errors', t => {
	t.is(t.throws(() => parseBind('bind', ':/x'), {instanceOf: UsageError})?.exitCode, 22);
	t.regex(t.throws(() => parseBind('bind', '/tmp\\'), {instanceOf: UsageError})?.message ?? '', /^invalid --bind=\/tmp\\: a trailing backslash/);
});

test('two mounts on the same guest path are refused, naming both', t => {
	const directory = scratchDir(t);
	const error = t.throws(() => parseBinds({bind: [`${directory}:/data`], bindRo: [`${directory}:/data/`]}), {instanceOf: UsageError});
	t.is(error?.message, `invalid --bind-ro=${directory}:/data/: /data/ is already the destination of --bind=${directory}:/data`);
	t.is(parseBinds({bind: [`${directory}:/a`], bindRo: [`${directory}:/b`]}).length, 2);
});
