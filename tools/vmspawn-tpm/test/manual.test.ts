import {fileURLToPath} from 'node:url';
import test from 'ava';
import {main, spec} from '../src/index.js';
import {manualConformanceTests} from '@vmspawn/testing';

manualConformanceTests(test, {spec, main, repository: fileURLToPath(new URL('../../../', import.meta.url))});
