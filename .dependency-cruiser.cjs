/**
 * The package layering of ARCHITECTURE.md, checked on every `npm test`:
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

// ── edge-node: the direction between its folders (issue 11) ──────────────────────────────────
// Lowest first. Each folder of edge-node/src may import itself and the folders it lists, nothing
// else of the package (bench/, test-peers/ and nodes/ included). The headless device path
// (modbus, profiles, devices, commands and store, composed by edge, started by cli) never goes
// through the Node-RED folders (palette, node-red): a site without flows runs without them.
// Tests and fixtures may import any folder to build their world (the simulator, reference
// profiles, a store), with one limit: see edge-node-headless-tests.
//
// Folder cycles: no-circular above sees modules only (modbus ↔ profiles, a folder cycle without
// a module cycle, passed it). Here a folder may list only folders above it, checked below, so
// the table has no cycle and no product import that passes these rules can close one.
// (dependency-cruiser's `scope: 'folder'` circular rule does not fit: it counts test files, and
// modbus's tests run the client against the simulator, which is built on modbus.)
const EDGE_NODE_FOLDERS = {
  // the Modbus client: codec, point widths, read plans, transports, lines, device client
  modbus: '',
  // the local PouchDB store: databases, telemetry day segments
  store: '',
  // the command processor, and the PointWriter port it writes through
  commands: '',
  // device maps: loading, checks, the file a profile reference names
  profiles: 'modbus',
  // simulated Modbus TCP devices, beside the device path: for the cli and tests
  sim: 'modbus profiles',
  // the devices file, the lines devices share, the poller, the writer commands go through
  devices: 'modbus profiles commands',
  // replication with the hub
  sync: 'store',
  // the plugin host at the site, and the apps the hub installs on it
  apps: 'store',
  // the logic of Heng's Node-RED nodes (nodes/*.js register it)
  palette: 'modbus profiles devices commands store',
  // Node-RED embedded: the editor, flow storage, the stored-readings route
  'node-red': 'palette store',
  // startEdge: one site in one process, from everything above but the simulator
  edge: 'modbus profiles devices commands store sync apps palette node-red',
  // the heng-edge command line
  cli: 'modbus profiles sim devices commands store sync apps palette node-red edge',
};
const edgeNodeMay = (folder) => EDGE_NODE_FOLDERS[folder].split(' ').filter(Boolean);
Object.keys(EDGE_NODE_FOLDERS).forEach((folder, i, order) => {
  for (const lower of edgeNodeMay(folder)) {
    if (!order.slice(0, i).includes(lower)) {
      throw new Error(
        `.dependency-cruiser.cjs: edge-node/src/${folder} may list only folders above it in EDGE_NODE_FOLDERS, not ${lower}`,
      );
    }
  }
});
const EDGE_NODE_HEADLESS = 'modbus|profiles|sim|store|commands|devices|sync|apps';
const edgeNodeTests = '[.](test|fixture|bench)[.]ts$';
const edgeNodeRules = [
  ...Object.keys(EDGE_NODE_FOLDERS).map((folder) => ({
    name: `edge-node-${folder}`,
    comment:
      `edge-node/src/${folder} may import ${edgeNodeMay(folder).join(', ') || 'no other folder'}` +
      ' of edge-node (EDGE_NODE_FOLDERS: lower folders never import higher ones)',
    severity: 'error',
    from: { path: `^edge-node/src/${folder}/`, pathNot: edgeNodeTests },
    to: {
      path: '^edge-node/',
      pathNot: `^edge-node/(src/(${[folder, ...edgeNodeMay(folder)].join('|')})/|package[.]json$)`,
    },
  })),
  {
    name: 'edge-node-folder-in-the-map',
    comment: 'a new folder of edge-node/src gets its line in EDGE_NODE_FOLDERS before it imports',
    severity: 'error',
    from: {
      path: '^edge-node/src/',
      pathNot: `^edge-node/src/(${Object.keys(EDGE_NODE_FOLDERS).join('|')})/`,
    },
    to: { path: '^edge-node/' },
  },
  {
    name: 'edge-node-headless-tests',
    comment:
      "the headless folders' tests and fixtures never load Node-RED (palette, node-red) or the" +
      ' composition that starts it (edge, cli): the headless path is proven without it',
    severity: 'error',
    from: { path: `^edge-node/src/(${EDGE_NODE_HEADLESS})/.*${edgeNodeTests}` },
    to: { path: '^edge-node/src/(palette|node-red|edge|cli)/' },
  },
  {
    name: 'edge-node-nodes-are-thin',
    comment: "the palette's .js node files only register what src/palette implements",
    severity: 'error',
    from: { path: '^edge-node/nodes/' },
    to: { path: '^edge-node/', pathNot: '^edge-node/(nodes|src/palette)/' },
  },
];
// ── end of edge-node ─────────────────────────────────────────────────────────────────────────

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
    // Inside packages: the direction between folders.
    ...edgeNodeRules,
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
