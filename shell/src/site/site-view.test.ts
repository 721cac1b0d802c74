/** @module A site's page: latest values, a point's chart, a command and its outcome. */
import {
  ADMIN,
  deepQuery,
  deepQueryAll,
  deepText,
  fakeContext,
  siteRow,
} from '../../test/fakes.ts';
import { afterEach, describe, equal, it, ok, until } from '../../test/harness.ts';
import './index.ts';
import type { SiteView } from './site-view.ts';

const batch = (ts: string, level: number, on: boolean) => ({
  type: 'telemetry-batch',
  site: 'lighting-01',
  device: 'cabinet',
  from: ts,
  to: ts,
  count: 2,
  readings: [
    { point: 'dim-level', value: level, quality: 'good', ts },
    { point: 'relay', value: on, quality: 'good', ts },
  ],
});

let view: SiteView | undefined;
afterEach(() => {
  view?.remove();
  view = undefined;
});

function mount() {
  const fake = fakeContext({
    'GET /api/sites/lighting-01': () => ({ body: siteRow('lighting-01') }),
    'GET /api/sites/lighting-01/telemetry': () => ({
      body: {
        batches: [
          batch('2026-11-28T10:02:00Z', 60, true),
          batch('2026-11-28T10:01:00Z', 40, true),
          batch('2026-11-28T10:00:00Z', 20, false),
        ],
      },
    }),
    'POST /api/sites/lighting-01/commands': ({ body }) => ({
      status: 202,
      body: { command: { id: 'hub-1', ...(body as object) } },
    }),
  });
  fake.ctx.me = ADMIN;
  fake.ctx.live.connect();
  fake.sources[0]?.open();
  view = document.createElement('heng-site-view') as SiteView;
  view.ctx = fake.ctx;
  view.site = 'lighting-01';
  document.body.append(view);
  return fake;
}

const text = () => (view ? deepText(view) : '');

describe('<heng-site-view>', () => {
  it('shows the latest value of each point', async () => {
    mount();
    await until(() => text().includes('dim-level'), 'points listed');
    const cells = deepQueryAll(view!, 'tbody tr').map((tr) => tr.textContent ?? '');
    equal(cells.length, 2);
    ok(cells[0]?.includes('60'), 'latest dim level');
    ok(cells[1]?.includes('true'), 'latest relay');
  });

  it('charts the recent readings of a chosen point', async () => {
    mount();
    const button = await until(() =>
      deepQuery<HTMLButtonElement>(view!, 'button[aria-label="Chart cabinet/dim-level"]'),
    );
    button.click();
    const chart = await until(() => deepQuery(view!, 'heng-point-chart'));
    const canvas = await until(() => chart.shadowRoot?.querySelector('canvas'), 'uPlot drew');
    ok(canvas.width > 0, 'canvas has a size');
    equal((chart as unknown as { readings: unknown[] }).readings.length, 3);
  });

  it('sends a command and shows its outcome when the edge answers', async () => {
    const { calls, sources } = mount();
    const button = await until(() =>
      deepQuery<HTMLButtonElement>(view!, 'button[aria-label="Command cabinet/dim-level"]'),
    );
    button.click();
    const form = await until(() =>
      deepQuery<HTMLFormElement>(view!, 'heng-command-form')?.shadowRoot?.querySelector('form'),
    );
    (form.querySelector('[name=value]') as HTMLInputElement).value = '75';
    (form.querySelector('[name=reason]') as HTMLInputElement).value = 'Event night';
    form.requestSubmit();
    await until(() => text().includes('Waiting for the edge'), 'waiting shown');
    const sent = calls.find((c) => c.method === 'POST');
    equal(
      JSON.stringify(sent?.body),
      JSON.stringify({ device: 'cabinet', point: 'dim-level', value: 75, reason: 'Event night' }),
    );
    sources[0]?.emit('outcome', {
      site: 'lighting-01',
      outcome: {
        commandId: 'hub-1',
        status: 'rejected',
        error: { code: 'permission_denied', message: 'above max 70' },
        ts: '2026-11-28T10:03:00Z',
      },
    });
    await until(() => text().includes('Rejected by the edge: above max 70'), 'outcome shown');
  });
});
