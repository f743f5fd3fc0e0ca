// Runs a TypeScript script (fixture generators, the benchmark) under plain Node 20:
// esbuild bundles it, with node_modules left external, into a temporary module that is imported.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args…]');
  process.exit(2);
}
// Inside node_modules so that the bundle's bare imports resolve to this project's packages.
const cache = resolve('node_modules/.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'run-ts-'));
const out = join(dir, 'script.mjs');
await build({ entryPoints: [resolve(entry)], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: process.cwd() });
process.argv = [process.argv[0], resolve(entry), ...args];
try {
  await import(pathToFileURL(out).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
