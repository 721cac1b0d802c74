import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type AppsEdge, openAppsEdge, SITE } from '../apps/apps-edge.fixture.ts';
import {
  PERMISSIONS,
  PLUGIN,
  signedPackage,
  type Vendor,
  vendor,
} from '../apps/packages.fixture.ts';
import { SegmentedTelemetry } from '../store/index.ts';
import { startTestHub, type TestHub } from './hub.fixture.ts';
import { type RunningSync, startSync } from './index.ts';

let dir: string;
let hub: TestHub;
let edge: AppsEdge;
let segments: SegmentedTelemetry;
let sync: RunningSync;
let acme: Vendor;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'heng-hub-apps-'));
  hub = await startTestHub({ dir: path.join(dir, 'hub'), sites: [SITE] });
  edge = await openAppsEdge();
  segments = new SegmentedTelemetry(path.join(dir, 'telemetry'));
  sync = startSync({
    hub: hub.url,
    site: SITE,
    token: hub.tokens[SITE] ?? '',
    control: edge.control,
    telemetry: segments,
    backoff: { initialMs: 20, maxMs: 200 },
    statusEveryMs: 0,
    scanEveryMs: 0,
  });
  acme = await vendor();
});

afterEach(async () => {
  await sync.dispose();
  await edge.close();
  await segments.close();
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

async function ok(response: Promise<Response>): Promise<unknown> {
  const res = await response;
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The plugin's status as the hub has it, once it is in `state`. */
async function statusAtHub(state: string): Promise<Record<string, unknown>> {
  const docs = await hub.waitFor(SITE, 'control', (all) =>
    all.some((d) => d['_id'] === `plugin-status/${PLUGIN}` && d['state'] === state),
  );
  return docs.find((d) => d['_id'] === `plugin-status/${PLUGIN}`) ?? {};
}

test("runs an app installed through the hub's catalog, reports it, and stops it when revoked", async () => {
  await ok(hub.api('/api/catalog/keys', { json: { publicKey: acme.publicKey } }));
  const { bytes, digest } = await signedPackage(acme, '1.0.0');
  await ok(
    hub.api('/api/catalog/packages', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
    }),
  );
  await ok(
    hub.api('/api/installs', {
      json: {
        sites: [SITE],
        plugin: { id: PLUGIN, version: '1.0.0' },
        config: { level: 40 },
        consent: { permissions: PERMISSIONS },
      },
    }),
  );
  // The hub's records (trusted key, package with its attachment, install) pass the edge's
  // schemas and checks, and the plugin runs with the consented grant.
  const active = await edge.reported(PLUGIN, 'active');
  expect(active).toMatchObject({ site: SITE, plugin: { id: PLUGIN, version: '1.0.0', digest } });
  expect(edge.plugins.host.status(PLUGIN)).toMatchObject({ state: 'active', version: '1.0.0' });
  expect(await statusAtHub('active')).toMatchObject({ plugin: { digest }, faults: 0 });

  await ok(
    hub.api(`/api/catalog/packages/${PLUGIN}/1.0.0/revoke`, {
      json: { reason: 'reads more than it says' },
    }),
  );
  const revoked = await edge.reported(PLUGIN, 'revoked');
  expect(revoked.lastError?.message).toContain('reads more than it says');
  expect(edge.plugins.host.list()).toEqual([]);
  expect(await statusAtHub('revoked')).toMatchObject({
    lastError: { code: 'package_revoked' },
  });
});
