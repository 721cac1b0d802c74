/**
 * @module Runs the shell's end-to-end tests on their own: `npx vitest run -c shell/e2e/vitest.config.ts`.
 * The demo city takes a while to start and edges take a few seconds to apply each change,
 * hence the long timeouts.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shell/e2e/**/*.test.ts'],
    root: new URL('../../', import.meta.url).pathname,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
