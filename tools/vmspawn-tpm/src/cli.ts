#!/usr/bin/env node
import {runCli} from '@vmspawn/cli';
import {main} from './main.js';

await runCli('vmspawn-tpm', async () => main(process.argv.slice(2)));
