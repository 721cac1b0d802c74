import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '{schemas,core,sdk,edge-node,hub,flows,plugins/*}/**/*.test.ts',
      'scripts/**/*.test.ts',
      // The shell's end-to-end tests (Chromium against a real hub and edges); its component tests run in `npm run test:shell`.
      'shell/e2e/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    // The shell's end-to-end tests start a whole demo city before their first test.
    hookTimeout: 240_000,
  },
});
