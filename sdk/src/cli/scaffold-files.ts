/**
 * @module The files of a new plugin folder, as `heng-plugin init` writes them: a plugin that
 * passes `validate`, `build` and `test` as it stands.
 */
import { pluginSource, pluginTestSource } from './scaffold-plugin-source.ts';

/** What the scaffold is made from. */
export interface ScaffoldOptions {
  id: string;
  name: string;
  vendor: string;
  runsOn: Array<'edge' | 'hub'>;
}

/** The SDK release the scaffold depends on; kept in step with sdk/package.json by a test. */
export const SDK_RANGE = '^0.1.0';
/** The Heng versions the scaffold says it runs on; kept in step with the core by a test. */
export const ENGINE_RANGE = '^0.1.0';
/** The vitest the scaffold's tests run on: the one the SDK's `test` command drives. */
export const VITEST_VERSION = '4.1.12';

/** The manifest of the example plugin. */
export function scaffoldManifest({
  id,
  name,
  vendor,
  runsOn,
}: ScaffoldOptions): Record<string, unknown> {
  return {
    $schema: 'https://heng.city/schemas/manifest.schema.json',
    id,
    name,
    version: '0.1.0',
    description:
      'Keeps a running average of PM2.5 per device and raises an alert above a threshold.',
    vendor: { name: vendor },
    engines: { heng: ENGINE_RANGE },
    runsOn,
    entry: 'dist/plugin.js',
    permissions: [
      {
        capability: 'telemetry:read',
        points: ['+/+/pm25'],
        reason: 'Reads PM2.5 readings to average them',
      },
      { capability: 'storage', quotaKiB: 64, reason: 'Keeps the recent readings of each device' },
      {
        capability: 'events:publish',
        topics: ['air/alert'],
        reason: 'Raises an alert when the average is above the threshold',
      },
      {
        capability: 'http:route',
        routes: [{ method: 'GET', path: '/status' }],
        reason: 'Shows the current averages',
      },
    ],
    config: {
      type: 'object',
      required: ['threshold'],
      additionalProperties: false,
      properties: {
        threshold: {
          type: 'number',
          title: 'Alert threshold (µg/m³)',
          description: 'PM2.5 average above which an alert is raised.',
          minimum: 0,
          default: 75,
        },
        window: {
          type: 'integer',
          title: 'Readings averaged',
          description: 'How many recent readings the average covers.',
          minimum: 1,
          maximum: 100,
          default: 10,
        },
      },
    },
    limits: { memoryMiB: 16, callTimeoutMs: 50 },
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function packageJson(options: ScaffoldOptions): string {
  return json({
    name: options.id.split('.').at(-1),
    version: '0.1.0',
    private: true,
    type: 'module',
    description: `${options.name}: a Heng plugin`,
    scripts: {
      validate: 'heng-plugin validate .',
      build: 'heng-plugin build .',
      test: 'heng-plugin test .',
      pack: 'heng-plugin pack .',
    },
    dependencies: { '@heng/sdk': SDK_RANGE },
    devDependencies: { vitest: VITEST_VERSION },
  });
}

const tsconfig = json({
  compilerOptions: {
    target: 'es2023',
    lib: ['es2023', 'dom', 'dom.iterable'],
    module: 'esnext',
    moduleResolution: 'bundler',
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    skipLibCheck: true,
  },
  include: ['src'],
});

function readme({ id, name }: ScaffoldOptions): string {
  return `# ${name}

A Heng plugin (\`${id}\`). It keeps a running average of each device's PM2.5 readings and
raises an \`air/alert\` event when the average goes above the configured threshold.

\`\`\`sh
npm install
npm test                      # runs src/*.test.ts against a simulated site
npm run validate              # checks heng.plugin.json and the files it names
npm run build                 # bundles src/plugin.ts into dist/plugin.js
npm run pack                  # writes ${id}-0.1.0.hpkg
npx heng-plugin keygen --out my-vendor          # once; keep my-vendor.key.json secret
npx heng-plugin sign ${id}-0.1.0.hpkg --key my-vendor.key.json
\`\`\`

The plugin runs in Heng's sandbox: no Node APIs, no \`fetch\` or timers of its own, only the
\`heng\` API for the permissions listed in \`heng.plugin.json\`.
`;
}

const gitignore = `node_modules/
dist/
*.hpkg
*.key.json
`;

/** Every file of a new plugin, by path relative to its folder. */
export function scaffoldFiles(options: ScaffoldOptions): Map<string, string> {
  return new Map([
    ['heng.plugin.json', json(scaffoldManifest(options))],
    ['src/plugin.ts', pluginSource(options.name)],
    ['src/plugin.test.ts', pluginTestSource(options.name)],
    ['package.json', packageJson(options)],
    ['tsconfig.json', tsconfig],
    ['README.md', readme(options)],
    ['.gitignore', gitignore],
  ]);
}
