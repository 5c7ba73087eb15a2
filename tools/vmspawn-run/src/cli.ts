#!/usr/bin/env node
import {runCli} from '@vmspawn/cli';
import {specForInvocation} from './drop-in.js';
import {main} from './main.js';

// Run through a link named systemd-vmspawn, it answers under that name (see drop-in.ts).
const tool = specForInvocation(process.argv[1]);
await runCli(tool.name, async () => main(process.argv.slice(2), undefined, tool));
