/**
 * @module The baseline of the RSS benchmark: stock Node-RED embedded the way the edge embeds it
 * (express app, admin API at /, HTTP nodes at /api, loopback, same logging and no update checks),
 * but with flows kept in memory and no Heng palette, store, bus or command processor.
 * Argument: the user folder. Prints "editor on <url>" when started; stops on SIGTERM.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import RED from 'node-red';

const memory = new Map<string, unknown>();
const get = async (key: string, fallback: unknown) => memory.get(key) ?? fallback;
const put = async (key: string, value: unknown) => {
  memory.set(key, value);
};

/** Node-RED's storage module API, kept in a Map. */
const storageModule = {
  init: async () => {},
  getFlows: () => get('flows', []),
  saveFlows: (flows: unknown) => put('flows', flows),
  getCredentials: () => get('credentials', {}),
  saveCredentials: (c: unknown) => put('credentials', c),
  getSettings: () => get('settings', {}),
  saveSettings: (s: unknown) => put('settings', s),
  getSessions: () => get('sessions', {}),
  saveSessions: (s: unknown) => put('sessions', s),
  getLibraryEntry: async () => [],
  saveLibraryEntry: async () => {},
};

const settings = {
  userDir: process.argv[2],
  httpAdminRoot: '/',
  httpNodeRoot: '/api',
  credentialSecret: 'bench',
  storageModule,
  nodesDir: [],
  diagnostics: { enabled: false, ui: false },
  runtimeState: { enabled: false, ui: false },
  externalModules: {
    autoInstall: false,
    palette: { allowInstall: false },
    modules: { allowInstall: false },
  },
  editorTheme: { tours: false, palette: { editable: false } },
  logging: { console: { level: 'warn', metrics: false, audit: false } },
};
const app = express();
const server = createServer(app);
RED.init(server, settings);
app.use(settings.httpAdminRoot, RED.httpAdmin);
app.use(settings.httpNodeRoot, RED.httpNode);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
await RED.start();
console.log(`editor on http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
process.once('SIGTERM', () => {
  void RED.stop().then(() => server.close(() => process.exit(0)));
});
