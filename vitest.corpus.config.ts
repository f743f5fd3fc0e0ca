import { defineConfig } from 'vitest/config';

// `npm run test:corpus`: the shared corpus (../shared/corpus), workbooks made by other programs, and
// the defects' reproducers, against readers we did not write (SheetJS CE, openpyxl, LibreOffice).
// Slow (minutes) and, until the reader and writer keep their promises, failing: not part of `npm test`.
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    env: { NO_COLOR: '1', LANG: 'C.UTF-8', TZ: 'UTC' },
    testTimeout: 20 * 60_000,
    hookTimeout: 60 * 60_000,
    // Each file spawns and watches its own processes; two at a time is what a 2-core machine holds.
    maxWorkers: 2,
  },
});
