/**
 * @module Node-RED embedded in the edge process: the editor and admin API on loopback only, with
 * admin authentication always on, flows stored through the PouchDB storage module, and Heng's
 * palette loaded from this package.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import express from 'express';
import RED from 'node-red';
import { removeEditorAddress, writeEditorAddress } from './editor-address.ts';
import { adminFileIn } from './folder-layout.ts';
import { type PouchStorageOptions, pouchStorage } from './storage.ts';

export interface EditorOptions extends PouchStorageOptions {
  /** Where the admin credentials and Node-RED's own files live. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Loopback unless told otherwise: the editor can change what field devices do. */
  host?: string;
  /** Folders of extra nodes (Heng's palette). */
  nodesDirs?: string[];
  /** The edge's own services, which the palette's nodes use instead of opening their own. */
  services?: unknown;
}

export interface AdminCredentials {
  username: string;
  password: string;
}

export interface RunningEditor extends AsyncDisposable {
  url: string;
  /** Where the admin password is kept (never printed). */
  credentialsFile: string;
  stop(): Promise<void>;
}

/**
 * The text of a secret file of this edge, made by `make` on first use and written readable by its
 * owner only; never overwritten (`wx`), so two starts cannot make two secrets.
 */
async function ownSecretFile(file: string, make: () => string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const text = make();
  await writeFile(file, text, { mode: 0o600, flag: 'wx' });
  return text;
}

/** The admin account of this edge: made once, kept in `admin.json` readable by its owner only. */
export async function adminCredentials(
  dataDir: string,
): Promise<{ file: string; credentials: AdminCredentials }> {
  const file = adminFileIn(dataDir);
  const text = await ownSecretFile(
    file,
    () =>
      `${JSON.stringify({ username: 'admin', password: randomBytes(18).toString('base64url') }, null, 2)}\n`,
  );
  return { file, credentials: JSON.parse(text) as AdminCredentials };
}

/** The secret Node-RED encrypts flow credentials with: made once, kept beside the admin file. */
async function credentialSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'credential-secret');
  return (await ownSecretFile(file, () => `${randomBytes(32).toString('hex')}\n`)).trim();
}

/**
 * Starts Node-RED. Node-RED is one runtime per process: start it once.
 *
 * @example
 * const editor = await startEditor({ site: 'lighting-01', control, local, dataDir: '/var/lib/heng' });
 * console.log(`editor: ${editor.url} (admin password in ${editor.credentialsFile})`);
 */
export async function startEditor(options: EditorOptions): Promise<RunningEditor> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const { file, credentials } = await adminCredentials(options.dataDir);
  // Node-RED reads its user folder's package.json for installed modules; the edge installs none.
  await writeFile(
    path.join(options.dataDir, 'package.json'),
    '{ "name": "heng-edge-node-red", "private": true }\n',
    {
      flag: 'wx',
    },
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const settings = {
    userDir: options.dataDir,
    httpAdminRoot: '/',
    httpNodeRoot: '/api',
    credentialSecret: await credentialSecret(options.dataDir),
    storageModule: pouchStorage(options),
    adminAuth: {
      type: 'credentials',
      users: [
        {
          username: credentials.username,
          password: await bcrypt.hash(credentials.password, 10),
          permissions: '*',
        },
      ],
    },
    nodesDir: options.nodesDirs ?? [],
    ...(options.services ? { hengEdge: options.services } : {}),
    // No telemetry home, no update checks: the edge may have no internet, and must not try.
    diagnostics: { enabled: false, ui: false },
    runtimeState: { enabled: false, ui: false },
    externalModules: {
      autoInstall: false,
      palette: { allowInstall: false },
      modules: { allowInstall: false },
    },
    editorTheme: {
      page: { title: `Heng edge ${options.site}` },
      tours: false,
      palette: { editable: false },
    },
    logging: { console: { level: 'warn', metrics: false, audit: false } },
  };
  const app = express();
  const server: Server = createServer(app);
  RED.init(server, settings);
  app.use(settings.httpAdminRoot, RED.httpAdmin);
  app.use(settings.httpNodeRoot, RED.httpNode);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 1880, options.host ?? '127.0.0.1', () => resolve());
  });
  await RED.start();
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}/`;
  await writeEditorAddress(options.dataDir, url);
  // Once: a second call (the edge's stop, then its teardown) waits for the first.
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await removeEditorAddress(options.dataDir);
      await RED.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    })();
    return stopped;
  };
  return {
    url,
    credentialsFile: file,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
