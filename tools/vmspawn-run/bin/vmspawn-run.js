#!/usr/bin/env node
// Committed launcher, so npm links the command even before the first build. It starts the
// tool's one-file bundle (or its tsc output): see scripts/bundle/run-bundle.cjs.
'use strict';
require('../../../scripts/bundle/run-bundle.cjs')(__dirname, 'vmspawn-run');
