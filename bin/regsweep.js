#!/usr/bin/env node
// The `regsweep` command: runs the compiled CLI (npm run build produces dist/).
require('../dist/apps/cli/src/main.js');
