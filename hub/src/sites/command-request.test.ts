import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { siteDbName } from '../couch/index.ts';
import { startTestHub, type TestHub } from '../hub.fixture.ts';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  const site = { id: 'lighting-01', name: 'Jiefang Road cabinet', kind: 'lighting' };
  expect((await t.call('/api/sites', { method: 'POST', json: site })).status).toBe(201);
});
afterAll(() => t?.close());

const control = () => t.hub.parts.couch.db(siteDbName('lighting-01', 'control'));

const request = { device: 'lamp-01', point: 'dimming', value: 40, reason: 'festival night' };

describe('a command request', () => {
  // A body that chose its own id could pick one outside command/hub-…, which an edge may write.
  test.each([
    ['id', { id: 'not-the-hubs' }],
    ['site', { site: 'pumping-02' }],
    ['requestedBy', { requestedBy: { kind: 'user', id: 'someone-else' } }],
    ['ts', { ts: '2020-01-01T00:00:00Z' }],
    ['type', { type: 'event' }],
    ['_id', { _id: 'command/x' }],
  ])(
    'that names its own %s is refused, naming it, and nothing is written',
    async (field, extra) => {
      const res = await t.call('/api/sites/lighting-01/commands', {
        method: 'POST',
        json: { ...request, ...extra },
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as {
        error: { issues: Array<{ path: string; message: string }> };
      };
      expect(JSON.stringify(body.error.issues)).toContain(field);
      const stored = await control().list();
      expect(stored.rows.filter((r) => r.id.startsWith('command/'))).toEqual([]);
    },
  );

  test('gets the hub’s id, the site of its path, the caller and the time', async () => {
    const res = await t.call('/api/sites/lighting-01/commands', { method: 'POST', json: request });
    expect(res.status).toBe(202);
    const { command } = (await res.json()) as { command: Record<string, unknown> };
    expect(command['id']).toMatch(/^hub-[0-9a-f-]{36}$/);
    expect(command).toMatchObject({ site: 'lighting-01', requestedBy: { kind: 'user' } });
    const doc = await control().get(`command/${command['id']}`);
    expect(doc).toMatchObject({ type: 'command', id: command['id'] });
  });
});
