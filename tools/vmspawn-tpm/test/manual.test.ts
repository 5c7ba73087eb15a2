import {fileURLToPath} from 'node:url';
import test from 'ava';
import {manualConformanceTests} from '@vmspawn/cli';
import {main, spec} from '../src/index.js';

manualConformanceTests(test, {spec, main, repository: fileURLToPath(new URL('../../../', import.meta.url))});
