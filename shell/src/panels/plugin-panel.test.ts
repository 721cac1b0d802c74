/**
 * @module Hostile and honest panels in a real sandboxed frame: the bridge sends only what the
 * grant covers, a panel cannot reach the shell's page or cookie, a flood is dropped and reported
 * once, and the shell keeps answering afterwards.
 */
import type { Permission } from '@heng/schemas';
import { deepQuery, fakeContext } from '../../test/fakes.ts';
import {
  afterEach,
  deepEqual,
  describe,
  equal,
  includes,
  it,
  ok,
  until,
} from '../../test/harness.ts';
import './index.ts';
import type { HengPluginPanel } from './plugin-panel.ts';

const GRANT: Permission[] = [
  { capability: 'telemetry:read', points: ['+/+/dimming'] },
  { capability: 'command:write', points: ['+/+/dimming'], rate: { count: 30, perSeconds: 60 } },
  { capability: 'ui:panel', panels: ['status'] },
];

/**
 * A panel that reports what it could reach of the page around it, runs the requests the test
 * posts into it (`{ run: [...] }`), and echoes each answer back so the test can see it.
 */
const HOSTILE = `<!doctype html><script>
const tryRead = (f) => { try { return String(f()); } catch (e) { return 'blocked:' + e.name; } };
parent.postMessage({ kind: 'probe',
  parentDocument: tryRead(() => parent.document.title),
  cookie: tryRead(() => document.cookie),
  storage: tryRead(() => localStorage.getItem('heng.locale')),
  origin: location.origin }, '*');
addEventListener('message', (e) => {
  const d = e.data;
  if (d && Array.isArray(d.run)) for (const m of d.run) parent.postMessage(m, '*');
  else if (d && 'ok' in d && d.id !== null) parent.postMessage({ kind: 'echo', reply: d }, '*');
});
</script>`;
const SRC = `data:text/html;charset=utf-8,${encodeURIComponent(HOSTILE)}`;

const batch = {
  type: 'telemetry-batch',
  site: 'lighting-01',
  device: 'lamp-1',
  from: '2026-11-28T10:00:00Z',
  to: '2026-11-28T10:01:00Z',
  count: 3,
  readings: [
    { point: 'dimming', value: 40, quality: 'good', ts: '2026-11-28T10:00:00Z' },
    { point: 'dimming', value: 60, quality: 'good', ts: '2026-11-28T10:01:00Z' },
    { point: 'power', value: 55, quality: 'good', ts: '2026-11-28T10:01:00Z' },
  ],
};

let panel: HengPluginPanel | undefined;
let seen: unknown[] = [];
const listen = (e: MessageEvent) => {
  if (panel?.frame && e.source === panel.frame.contentWindow) seen.push(e.data);
};
afterEach(() => {
  panel?.remove();
  panel = undefined;
  window.removeEventListener('message', listen);
  seen = [];
});

async function mount(options: { maxPerSecond?: number; now?: () => number } = {}) {
  const fake = fakeContext({
    'GET /api/sites/lighting-01/telemetry': () => ({ body: { batches: [batch] } }),
    'POST /api/sites/lighting-01/commands': (call) => ({
      status: 202,
      body: { command: { id: 'hub-1', ...(call.body as object) } },
    }),
    'GET /api/sites/lighting-01/commands/hub-1': () => ({
      body: {
        command: { id: 'hub-1' },
        outcome: { commandId: 'hub-1', status: 'applied', value: 30, ts: '2026-11-28T10:02:00Z' },
      },
    }),
  });
  window.addEventListener('message', listen);
  panel = document.createElement('heng-plugin-panel') as HengPluginPanel;
  Object.assign(panel, {
    ctx: fake.ctx,
    site: 'lighting-01',
    plugin: 'com.example.lamps',
    panel: 'status',
    permissions: GRANT,
    src: SRC,
    maxPerSecond: options.maxPerSecond ?? 1000,
    now: options.now,
  });
  document.body.append(panel);
  const probe = await until(
    () => seen.find((m) => (m as { kind?: string }).kind === 'probe') as Record<string, string>,
    'the panel loaded',
  );
  const run = (...messages: unknown[]) =>
    panel?.frame?.contentWindow?.postMessage({ run: messages }, '*');
  const reply = (id: string) =>
    until(
      () =>
        (seen as { kind?: string; reply?: { id: string } }[]).find(
          (m) => m.kind === 'echo' && m.reply?.id === id,
        )?.reply as Record<string, unknown> & { error?: { code: string; message: string } },
      `the answer to ${id}`,
    );
  return { ...fake, probe, run, reply };
}

describe('<heng-plugin-panel>', () => {
  it('renders a frame sandboxed to scripts only, at the hub’s panel route by default', async () => {
    const { probe } = await mount();
    const frame = panel?.frame;
    ok(frame);
    equal(frame.getAttribute('sandbox'), 'allow-scripts');
    equal(probe.origin, 'null', 'the panel’s origin');
    panel!.src = undefined;
    await panel!.updateComplete;
    equal(
      panel!.frame?.getAttribute('src'),
      '/api/sites/lighting-01/apps/com.example.lamps/panels/status',
    );
  });

  it('keeps the shell’s page, cookie and storage out of the panel’s reach', async () => {
    // biome-ignore lint/suspicious/noDocumentCookie: plants a cookie the panel must not read
    document.cookie = 'heng_probe=secret; SameSite=Strict';
    const { probe } = await mount();
    includes(probe.parentDocument, 'blocked:', 'parent.document');
    includes(probe.cookie, 'blocked:', 'document.cookie');
    includes(probe.storage, 'blocked:', 'localStorage');
    // biome-ignore lint/suspicious/noDocumentCookie: removes the planted cookie
    document.cookie = 'heng_probe=; max-age=0';
  });

  it('answers the latest values of points its telemetry:read covers', async () => {
    const { run, reply } = await mount();
    run({ id: 'r1', kind: 'telemetry.latest', points: ['lamp-1/dimming'] });
    const answer = await reply('r1');
    equal(answer.ok, true);
    deepEqual(answer.result, {
      readings: [
        {
          point: 'lighting-01/lamp-1/dimming',
          value: 60,
          quality: 'good',
          ts: '2026-11-28T10:01:00Z',
        },
      ],
    });
  });

  it('answers a pattern inside the grant with every matching point', async () => {
    const { run, reply } = await mount();
    run({ id: 'r3', kind: 'telemetry.latest', points: ['+/dimming'] });
    const answer = await reply('r3');
    equal((answer.result as { readings: { point: string }[] }).readings.length, 1);
    run({ id: 'r4', kind: 'telemetry.latest', points: ['lamp-1/+'] });
    equal((await reply('r4')).error?.code, 'not_granted');
  });

  it('refuses to read a point outside the grant, and asks the hub nothing', async () => {
    const { run, reply, calls } = await mount();
    run({ id: 'r2', kind: 'telemetry.latest', points: ['lamp-1/dimming', 'lamp-1/power'] });
    const answer = await reply('r2');
    equal(answer.ok, false);
    equal(answer.error?.code, 'not_granted');
    equal(calls.length, 0, 'calls to the hub');
  });

  it('sends a command to a granted point and answers with its outcome', async () => {
    const { run, reply, calls, sources } = await mount();
    equal(sources.length, 0, 'the feed is not open, so the outcome is asked for');
    run({ id: 'c1', kind: 'command.send', point: 'lamp-1/dimming', value: 30, reason: 'test' });
    const answer = await reply('c1');
    equal(answer.ok, true);
    deepEqual(answer.result, {
      commandId: 'hub-1',
      outcome: { commandId: 'hub-1', status: 'applied', value: 30, ts: '2026-11-28T10:02:00Z' },
    });
    deepEqual(calls[0]?.body, { device: 'lamp-1', point: 'dimming', value: 30, reason: 'test' });
  });

  it('sends nothing for a command outside the grant, another site, or an unknown request', async () => {
    const { run, reply, calls } = await mount();
    run(
      { id: 'x1', kind: 'command.send', point: 'lamp-1/power', value: 0, reason: 'off' },
      {
        id: 'x2',
        kind: 'command.send',
        point: 'lighting-02/lamp-1/dimming',
        value: 0,
        reason: 'x',
      },
      { id: 'x3', kind: 'command.send', point: 'lamp-1/dimming', value: { evil: 1 }, reason: 'x' },
      { id: 'x4', kind: 'fetch', url: '/api/users' },
    );
    for (const id of ['x1', 'x2']) equal((await reply(id)).error?.code, 'not_granted', id);
    equal((await reply('x3')).error?.code, 'invalid_request');
    equal((await reply('x4')).error?.code, 'unsupported');
    equal(calls.length, 0, 'calls to the hub');
    await until(() => deepQuery(panel!, '[role=status]'), 'the refusal is shown');
  });

  it('drops a flood beyond the limit, reports it once, and keeps answering afterwards', async () => {
    let clock = 0;
    const { run, reply, calls } = await mount({ maxPerSecond: 20, now: () => clock });
    const flood = Array.from({ length: 200 }, (_, i) => ({
      id: `f${i}`,
      kind: 'telemetry.latest',
      points: ['lamp-1/dimming'],
    }));
    run(...flood);
    // The probe took one place in the window: 19 requests pass, the rest (and echoes) are dropped.
    await until(() => (panel?.bridge?.dropped ?? 0) >= 181, 'the flood was dropped');
    equal(calls.length, 19, 'calls to the hub');
    const alerts = [...(panel?.shadowRoot?.querySelectorAll('[role=alert]') ?? [])];
    equal(alerts.length, 1, 'one flood report');
    clock = 5000;
    run({ id: 'after', kind: 'telemetry.latest', points: ['lamp-1/dimming'] });
    equal((await reply('after')).ok, true, 'answered after the flood');
  });

  it('shows no frame for a panel the grant does not name', async () => {
    panel = document.createElement('heng-plugin-panel') as HengPluginPanel;
    Object.assign(panel, {
      ...fakeContext({}),
      site: 's',
      plugin: 'p',
      panel: 'secret',
      permissions: GRANT,
    });
    document.body.append(panel);
    await panel.updateComplete;
    equal(panel.frame, null);
    ok(deepQuery(panel, '[role=alert]'));
  });
});
