/**
 * @module Component tests in Debian's Chromium (never a downloaded browser), TypeScript through
 * esbuild. `npm test -w @heng/shell` runs every `src/**\/*.test.ts`.
 */
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

export default {
  files: ['src/**/*.test.ts'],
  // The workspace root, so that hoisted node_modules (lit, uplot) resolve in the browser.
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-gpu',
        ],
      },
    }),
  ],
};
