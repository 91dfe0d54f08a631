#!/usr/bin/env node
// The `tejun` command: runs the built CLI (npm install builds it through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/cli/index.mjs', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('tejun: the app is not built yet. Run `npm install` (it builds) or `npm run build`, then try again.');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
