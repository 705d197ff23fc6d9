#!/usr/bin/env node
// The `welfare-ledger` command (npx welfare-ledger verify|audit). Kept outside dist/ so npm can
// link it at install time, before the TypeScript is built.
'use strict';
require('../dist/cli.js');
