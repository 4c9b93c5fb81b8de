import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

// Two projects: `unit` runs in Node (IndexedDB from fake-indexeddb); `browser` builds nothing itself but
// drives the app that `npm run test:browser` has built, in Debian's Chromium through playwright-core.
export default defineConfig({
  define: { __KIROKU_VERSION__: JSON.stringify(pkg.version), __KIROKU_DEPS__: JSON.stringify(pkg.dependencies) },
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          setupFiles: ['test/setup.ts'],
          environment: 'node',
          // Generous: CI machines have 2 cores, and numerical tests on real data take seconds there.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
