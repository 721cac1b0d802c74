/**
 * The package layering of DESIGN.md, checked on every `npm test`:
 * schemas ← core ← sdk, core ← {edge-node, hub}; shell uses schemas only; plugins use sdk only.
 * Web-standard packages (schemas, core, the plugin-facing sdk) import no Node built-ins outside
 * `node/` folders, `*.node.ts` files, CLIs and tests.
 */
const pkgs = '(schemas|core|sdk|edge-node|hub|shell|flows|plugins/[^/]+)';
const layer = (from, forbidden, testsMayUse) => ({
  name: `layering-${from}`,
  comment: `${from} may not depend on ${forbidden}`,
  severity: 'error',
  from: testsMayUse
    ? { path: `^${from}/`, pathNot: '[.](test|fixture|bench)[.]ts$' }
    : { path: `^${from}/` },
  to: { path: `^(${forbidden})/` },
});
// The edge and the hub are two ends of one protocol: their tests may start the other end.
const peerTests = (from, forbidden, peer) => [
  layer(from, forbidden, true),
  {
    name: `layering-${from}-tests`,
    comment: `${from}'s tests may use ${peer}, never anything else above them`,
    severity: 'error',
    from: { path: `^${from}/.*[.](test|fixture|bench)[.]ts$` },
    to: {
      path: `^(${forbidden
        .split('|')
        .filter((p) => p !== peer)
        .join('|')})/`,
    },
  },
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('schemas', 'core|sdk|edge-node|hub|shell|flows|plugins'),
    layer('core', 'sdk|edge-node|hub|shell|flows|plugins'),
    layer('sdk', 'edge-node|hub|shell|flows|plugins'),
    ...peerTests('edge-node', 'sdk|hub|shell|plugins', 'hub'),
    ...peerTests('hub', 'sdk|edge-node|shell|plugins', 'edge-node'),
    layer('shell', 'core|sdk|edge-node|hub|flows|plugins'),
    layer('plugins/[^/]+', 'schemas|core|edge-node|hub|shell|flows'),
    {
      name: 'no-reaching-into-another-package',
      comment: 'import another package by its name and exports, never by a relative path',
      severity: 'error',
      from: { path: `^${pkgs}/` },
      to: {
        path: `^${pkgs}/`,
        pathNot: '^$1/',
        dependencyTypes: ['local'],
        dependencyTypesNot: ['aliased-workspace'],
      },
    },
    {
      name: 'web-standard-only',
      comment: 'schemas, core and the plugin-facing sdk run on Node, Deno and browsers',
      severity: 'error',
      from: {
        path: '^(schemas|core|sdk)/src/',
        pathNot: [
          '[.]test[.]ts$',
          '[.]node[.]ts$',
          '/node/',
          '^sdk/src/cli/',
          '^sdk/src/testing/node',
        ],
      },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|[.]heng)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'deno', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
