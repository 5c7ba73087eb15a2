#!/usr/bin/env node
import {runCli} from '@vmspawn/cli';
import {main} from './main.js';

await runCli('vmspawn-firmware', () => main(process.argv.slice(2)));
