import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The corpus checks have their own run (vitest.corpus.config.ts, `npm run test:corpus`).
    exclude: ['test/corpus/**', 'node_modules/**'],
    // The CLI tests spawn the real bin, which runs the bundle: build it once before any test.
    globalSetup: ['test/global-setup.ts'],
    // Messages and colour must not depend on the machine running the tests.
    env: { NO_COLOR: '1', LANG: 'C.UTF-8', TZ: 'UTC' },
    testTimeout: 30_000,
  },
});
