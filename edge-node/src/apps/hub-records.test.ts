import { PluginStatusWriter, pluginStatusDocId } from '@heng/core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type AppsEdge, openAppsEdge, SITE } from './apps-edge.fixture.ts';
import { pouchRecords } from './edge-apps.ts';
import {
  installDoc,
  PLUGIN,
  packageDoc,
  signedPackage,
  trustDoc,
  type Vendor,
  vendor,
} from './packages.fixture.ts';

let edge: AppsEdge;
let acme: Vendor;

beforeEach(async () => {
  edge = await openAppsEdge();
  acme = await vendor();
});

afterEach(async () => {
  await edge.close();
});

async function publish(version: string) {
  const { bytes, digest } = await signedPackage(acme, version);
  await edge.put(packageDoc(version, digest, acme.keyId, bytes));
  return digest;
}

describe("the hub's records at the edge", () => {
  test('refuses an install record that fails its schema, naming the JSON path, and keeps what ran', async () => {
    await edge.put(trustDoc(acme));
    const digest = await publish('1.0.0');
    await edge.put(installDoc('1.0.0', digest, 'active'));
    await edge.reported(PLUGIN, 'active');

    const { consent: _, ...withoutConsent } = installDoc('1.0.0', digest, 'stopped');
    await edge.put(withoutConsent);
    const refused = await edge.reported(PLUGIN, 'refused');
    expect(refused.lastError?.code).toBe('invalid_input');
    expect(refused.lastError?.message).toContain(`app-install/${PLUGIN}`);
    expect(refused.lastError?.message).toContain('consent');
    // Not acted on: the plugin the last valid record started still runs.
    expect(edge.plugins.host.status(PLUGIN).state).toBe('active');
  });

  test('refuses an install record made for another site', async () => {
    await edge.put(trustDoc(acme));
    const digest = await publish('1.0.0');
    await edge.put({ ...installDoc('1.0.0', digest, 'active'), site: 'pumping-02' });
    const refused = await edge.reported(PLUGIN, 'refused');
    expect(refused.lastError?.message).toContain('/site');
    expect(refused.lastError?.message).toContain('pumping-02');
    expect(edge.plugins.host.list()).toEqual([]);
  });

  test('refuses a package record that fails its schema', async () => {
    await edge.put(trustDoc(acme));
    const { bytes, digest } = await signedPackage(acme, '1.0.0');
    const { keyId: _, ...withoutSigner } = packageDoc('1.0.0', digest, acme.keyId, bytes);
    await edge.put(withoutSigner);
    await edge.put(installDoc('1.0.0', digest, 'active'));
    const refused = await edge.reported(PLUGIN, 'refused');
    expect(refused.lastError).toMatchObject({ code: 'invalid_input' });
    expect(refused.lastError?.message).toContain(`package/${PLUGIN}@1.0.0`);
    expect(refused.lastError?.message).toContain('keyId');
    expect(refused.plugin).toEqual({ id: PLUGIN, version: '1.0.0', digest });
    expect(edge.plugins.host.list()).toEqual([]);
  });

  test("refuses a package whose signer's trusted-key record fails its schema, naming it", async () => {
    const { addedBy: _, ...withoutAddedBy } = trustDoc(acme);
    await edge.put(withoutAddedBy);
    const digest = await publish('1.0.0');
    await edge.put(installDoc('1.0.0', digest, 'active'));
    const refused = await edge.reported(PLUGIN, 'refused');
    expect(refused.lastError).toMatchObject({ code: 'invalid_input' });
    expect(refused.lastError?.message).toContain(`trust/${acme.keyId}`);
    expect(refused.lastError?.message).toContain('addedBy');
    expect(edge.plugins.host.list()).toEqual([]);
  });

  test('stops a revoked package even when the revocation record is malformed', async () => {
    await edge.put(trustDoc(acme));
    const digest = await publish('1.0.0');
    await edge.put(installDoc('1.0.0', digest, 'active'));
    await edge.reported(PLUGIN, 'active');
    await edge.put({ _id: `revocation/${digest}`, type: 'revocation', digest });
    const revoked = await edge.reported(PLUGIN, 'revoked');
    expect(revoked.lastError?.code).toBe('package_revoked');
    expect(revoked.lastError?.message).toContain('reason');
    expect(edge.plugins.host.list()).toEqual([]);
  });

  test('writes no plugin status that fails its own schema, and says why', async () => {
    const errors: Error[] = [];
    const writer = new PluginStatusWriter(pouchRecords(edge.control), SITE, (error) =>
      errors.push(error),
    );
    writer.report({ plugin: { id: 'Not A Plugin Id' }, state: 'active', faults: -1 });
    await writer.idle();
    expect(errors.map((e) => e.message).join()).toMatch(/plugin status.*\/faults/);
    await expect(edge.control.get(pluginStatusDocId('Not A Plugin Id'))).rejects.toMatchObject({
      status: 404,
    });
  });
});
