#!/usr/bin/env node
// The `regsweep` command: runs the compiled CLI (`npm run build` produces dist/).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(compiled)) {
  process.stderr.write('regsweep: not built yet; run `npm run build` (or `npm start` / `npm test`) first\n');
  process.exit(1);
}
require(compiled).main(process.argv);
