import type { PluginManifest } from '@heng/schemas';
import { afterEach, describe, expect, test } from 'vitest';
import { EventBus } from '../bus/index.ts';
import { ManualClock } from '../clock/index.ts';
import {
  exportPublicKey,
  generateKeyPair,
  type PublicKeyRecord,
  packPlugin,
  signPackage,
} from '../package/index.ts';
import { replaceEntry } from '../package/tamper.fixture.ts';
import { createMemoryStore } from '../store/index.ts';
import { PluginHost } from './index.ts';

const manifest: PluginManifest = {
  id: 'com.example.signed',
  name: 'Signed',
  version: '1.0.0',
  vendor: { name: 'Example' },
  engines: { heng: '^0.1.0' },
  runsOn: ['edge'],
  entry: 'dist/plugin.js',
  permissions: [{ capability: 'http:route', routes: [{ method: 'GET', path: '/hello' }] }],
  config: {
    type: 'object',
    properties: { greeting: { type: 'string', minLength: 1 } },
    required: ['greeting'],
    additionalProperties: false,
  },
};
const bundle = 'export default { onRequest(req, { config }) { return { body: config.greeting } } }';

const hosts: PluginHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.dispose();
});

function newHost(): PluginHost {
  const host = new PluginHost({
    engineVersion: '0.1.0',
    role: 'edge',
    time: new ManualClock(0),
    audit: { record: () => {} },
    storageFor: (id) => createMemoryStore(id),
    ports: { events: new EventBus(), log: () => {} },
  });
  hosts.push(host);
  return host;
}

async function signedPackage(content = bundle) {
  const keys = await generateKeyPair();
  const files = new Map([['dist/plugin.js', new TextEncoder().encode(content)]]);
  const packed = await packPlugin({ manifest, files });
  const signed = await signPackage(packed, keys.privateKey);
  const trusted: PublicKeyRecord = await exportPublicKey(keys.publicKey);
  return { signed, trusted };
}

describe('PluginHost.installPackage', () => {
  test('installs a package signed by a trusted key, with its config', async () => {
    const { signed, trusted } = await signedPackage();
    const host = newHost();
    const status = await host.installPackage(signed, {
      trustedKeys: [trusted],
      config: { greeting: '你好' },
    });
    expect(status).toMatchObject({
      id: 'com.example.signed',
      version: '1.0.0',
      state: 'installed',
    });
    await host.activate('com.example.signed');
    const response = await host.running('com.example.signed')!.handle({
      method: 'GET',
      path: '/hello',
      route: '/hello',
      params: {},
      query: {},
      headers: {},
      body: '',
    });
    expect(response).toEqual({ status: 200, body: '你好' });
  });

  test('refuses a package signed by a key it does not trust, and installs nothing', async () => {
    const { signed } = await signedPackage();
    const { trusted: stranger } = await signedPackage();
    const host = newHost();
    await expect(
      host.installPackage(signed, { trustedKeys: [stranger], config: { greeting: 'hi' } }),
    ).rejects.toMatchObject({ code: 'untrusted_key' });
    expect(host.list()).toEqual([]);
  });

  test('refuses a package whose bundle was changed after signing, naming the file', async () => {
    const { signed, trusted } = await signedPackage();
    const evil = 'export default { onRequest() { return { body: "pwned" } } }';
    const tampered = replaceEntry(signed, 'dist/plugin.js', new TextEncoder().encode(evil));
    const h = newHost();
    await expect(
      h.installPackage(tampered, { trustedKeys: [trusted], config: { greeting: 'hi' } }),
    ).rejects.toMatchObject({
      code: 'digest_mismatch',
      message: expect.stringContaining('dist/plugin.js'),
    });
    expect(h.list()).toEqual([]);
  });

  test('refuses a config the plugin schema refuses, after verifying, and installs nothing', async () => {
    const { signed, trusted } = await signedPackage();
    const h = newHost();
    await expect(
      h.installPackage(signed, { trustedKeys: [trusted], config: { greeting: '' } }),
    ).rejects.toMatchObject({
      code: 'invalid_config',
      message: expect.stringContaining('/greeting'),
    });
    expect(h.list()).toEqual([]);
  });
});
