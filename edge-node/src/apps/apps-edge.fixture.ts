/**
 * @module Test fixture: an edge's apps over a control database in a temporary folder, as
 * `startEdge` wires them (plugin host, apps, status writer), without Node-RED or devices.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventBus, type PluginStatusDoc, pluginStatusDocId } from '@heng/core';
import { type EdgeDatabase, openDatabase } from '../store/index.ts';
import { EdgeApps } from './edge-apps.ts';
import { EdgePlugins } from './plugins.ts';

export const SITE = 'lighting-01';

export interface AppsEdge extends AsyncDisposable {
  control: EdgeDatabase;
  apps: EdgeApps;
  plugins: EdgePlugins;
  /** Creates or replaces a document, as the hub's replication would bring it. */
  put(doc: { _id: string } & Record<string, unknown>): Promise<void>;
  /** Waits for the edge to report `pluginId` in `state`, on the database's changes. */
  reported(pluginId: string, state: PluginStatusDoc['state']): Promise<PluginStatusDoc>;
  close(): Promise<void>;
}

export async function openAppsEdge(): Promise<AppsEdge> {
  const dir = await mkdtemp(path.join(tmpdir(), 'heng-apps-'));
  const control = await openDatabase(dir, 'control');
  const local = await openDatabase(dir, 'local');
  const bus = new EventBus();
  const plugins = new EdgePlugins({
    site: SITE,
    control,
    local,
    bus,
    log: () => {},
  });
  const apps = new EdgeApps({ site: SITE, control, host: plugins.host });
  apps.start();
  const started = apps;
  const close = async () => {
    await started.dispose();
    await plugins.dispose();
    bus.dispose();
    await control.close();
    await local.close();
    await rm(dir, { recursive: true, force: true });
  };
  return {
    control,
    apps: started,
    plugins,
    async put(doc) {
      const existing = await control.get(doc._id).catch(() => undefined);
      await control.put(existing ? { ...doc, _rev: existing._rev } : doc);
    },
    async reported(pluginId, state) {
      const feed = control.changes({
        live: true,
        since: 0,
        doc_ids: [pluginStatusDocId(pluginId)],
        include_docs: true,
      });
      try {
        return await new Promise<PluginStatusDoc>((resolve) =>
          feed.on('change', (change) => {
            const doc = change.doc as unknown as PluginStatusDoc | undefined;
            if (doc?.state === state) resolve(doc);
          }),
        );
      } finally {
        feed.cancel();
      }
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
