// Bundles src/cli/main.ts into dist/cli.js, and the worker thread of a batch into dist/worker.js.
// One bundle with code splitting: the entry holds the CLI, and exceljs (with everything that
// reads or writes workbooks) sits in a chunk loaded by dynamic import only when a file is read,
// so `perf-score --help` never pays for it. Bundling also saves Node from resolving and reading
// the hundreds of small files exceljs's dependency tree is made of (measured in README.md).
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';

// Built beside dist/ and swapped in, so that a bin started during a build finds a whole bundle.
const next = `dist.${process.pid}.tmp`;
rmSync(next, { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts', worker: 'src/run/worker.ts' },
  outdir: next,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies bundled into ESM call require() for Node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
});
const old = `dist.${process.pid}.old`;
rmSync(old, { recursive: true, force: true });
try {
  renameSync('dist', old);
} catch {
  // no dist/ yet
}
renameSync(next, 'dist');
rmSync(old, { recursive: true, force: true });
