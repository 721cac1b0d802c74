/** @module `<heng-install-wizard>`: the steps, consent, settings, sites, install, refusals, upgrade. */
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
import { ApiClient } from '../api/index.ts';
import { setLocale } from '../i18n/index.ts';
import type { HengSchemaForm } from '../schema-form/index.ts';
import type { CatalogEntry, HengInstallWizard } from './index.ts';
import './index.ts';

const PKG: CatalogEntry = {
  plugin: { id: 'com.example.lamps', version: '1.1.0', digest: 'sha256-3q2+7w==' },
  name: 'Lamps',
  permissions: [
    {
      capability: 'command:write',
      points: ['+/+/dimming'],
      rate: { count: 30, perSeconds: 60 },
      reason: 'Dims',
    },
  ],
  configSchema: {
    type: 'object',
    properties: {
      level: { type: 'integer', title: 'Level', minimum: 0, maximum: 100, default: 30 },
    },
  },
  keyId: 'key-5f3a',
  publisher: 'vendor',
  publishedAt: '2026-11-28T10:00:00Z',
};

// What the hub's module does for PKG's schema, as ajv's standalone code reports it.
const VALIDATOR = `export default function validate(v) {
  const l = v && v.level;
  validate.errors = l !== undefined && (l > 100 || l < 0)
    ? [{ keyword: l > 100 ? 'maximum' : 'minimum', instancePath: '/level', params: { limit: l > 100 ? 100 : 0 } }]
    : null;
  return validate.errors === null;
}`;
const validatorUrl = URL.createObjectURL(new Blob([VALIDATOR], { type: 'text/javascript' }));

interface Call {
  method: string;
  path: string;
  body: unknown;
}

/** A fake hub: records calls, answers with `reply` (which may wait on a promise). */
function fakeApi(reply: (call: Call) => Promise<Response> | Response): {
  api: ApiClient;
  calls: Call[];
} {
  const calls: Call[] = [];
  const api = new ApiClient(async (path, init) => {
    const call = {
      method: init?.method ?? 'GET',
      path,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    return reply(call);
  });
  return { api, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function mount(
  api: ApiClient,
  set: (w: HengInstallWizard) => void = () => {},
): Promise<HengInstallWizard> {
  const w = document.createElement('heng-install-wizard');
  Object.assign(w, {
    api,
    pkg: PKG,
    sites: [{ id: 'lighting-01', name: 'Cai E Road' }, { id: 'lighting-02' }],
    validatorUrl,
  });
  set(w);
  document.body.append(w);
  await w.updateComplete;
  return w;
}

const $ = <T extends Element = HTMLElement>(w: HengInstallWizard, selector: string) =>
  w.shadowRoot?.querySelector<T & HTMLElement>(selector) ?? null;
const heading = (w: HengInstallWizard) => $(w, 'h2')?.textContent ?? '';

async function click(w: HengInstallWizard, selector: string): Promise<void> {
  const button = $(w, selector);
  ok(button, selector);
  button.click();
  await w.updateComplete;
}

/** Clicks Next until the heading changes (Next may await the settings form). */
async function next(w: HengInstallWizard): Promise<void> {
  const state = () => `${heading(w)}|${$(w, '[role="alert"]')?.textContent ?? ''}`;
  const before = state();
  await click(w, 'button.next');
  await until(() => state() !== before, 'the step to change or refuse');
}

async function tick(w: HengInstallWizard, id: string): Promise<void> {
  const box = w.shadowRoot?.getElementById(id) as HTMLInputElement | null;
  ok(box, `#${id}`);
  box.click();
  await w.updateComplete;
}

/** The settings form once the config step shows it. */
async function formOf(w: HengInstallWizard): Promise<HengSchemaForm> {
  const form = await until(() => $(w, 'heng-schema-form') as HengSchemaForm | null, 'the form');
  ok(form, 'the form');
  return form;
}

/** Walks to the settings form and waits for its validator. */
async function toSettings(w: HengInstallWizard) {
  await next(w);
  await tick(w, 'consent');
  await next(w);
  const form = await formOf(w);
  await form.validatorReady;
  await form.updateComplete;
  return form;
}

describe('<heng-install-wizard>', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('heng-install-wizard')) el.remove();
    setLocale('en');
  });

  it('shows who signed the package and its digest, and asks for consent before going on', async () => {
    const { api } = fakeApi(() => json(500, {}));
    const w = await mount(api);
    includes($(w, 'code.key')?.textContent, 'key-5f3a');
    includes($(w, 'code.digest')?.textContent, 'sha256-3q2+7w==');
    includes($(w, 'dl.facts')?.textContent, 'not stated', 'a vendor an older hub did not keep');
    await next(w);
    includes(heading(w), 'Permissions');
    ok($(w, 'heng-permission-list'), 'the permissions in words');
    await click(w, 'button.next');
    includes(heading(w), 'Permissions', 'stays without consent');
    includes($(w, '#consent-err')?.textContent, 'Tick the box');
    equal($(w, '#consent')?.getAttribute('aria-invalid'), 'true');
  });

  it("names the vendor and the panels' titles on the package step", async () => {
    const { api } = fakeApi(() => json(500, {}));
    const w = await mount(api, (el) => {
      el.pkg = {
        ...PKG,
        vendor: { name: 'Example Lighting' },
        panels: [
          { id: 'status', title: 'Lamp dimming' },
          { id: 'map', title: 'Lamp map' },
        ],
      };
    });
    const facts = $(w, 'dl.facts')?.textContent ?? '';
    includes(facts, 'Example Lighting');
    includes(facts, 'Panels in the shell');
    includes(facts, 'Lamp dimming, Lamp map');
  });

  it('installs at the chosen sites with consent and settings, showing progress', async () => {
    let answer: (r: Response) => void = () => {};
    const { api, calls } = fakeApi(() => new Promise<Response>((resolve) => (answer = resolve)));
    const w = await mount(api);
    const done: unknown[] = [];
    w.addEventListener('heng-install-done', (e) => done.push((e as CustomEvent).detail));
    const form = await toSettings(w);
    const level = form.shadowRoot?.getElementById('f-level') as HTMLInputElement;
    level.value = '45';
    level.dispatchEvent(new Event('input'));
    await next(w);
    includes(heading(w), 'Sites');
    await click(w, 'button.next');
    includes($(w, '#sites-err')?.textContent, 'Choose at least one site');
    await tick(w, 'site-lighting-02');
    await next(w);
    includes(heading(w), 'Review');
    await click(w, 'button.submit');
    await until(() => calls.length === 1, 'the install call');
    ok($(w, 'progress'), 'progress while installing');
    includes($(w, '[role="status"]')?.textContent, 'Installing at 1 site(s)');
    deepEqual(calls[0], {
      method: 'POST',
      path: '/api/installs',
      body: {
        sites: ['lighting-02'],
        plugin: { id: 'com.example.lamps', version: '1.1.0' },
        config: { level: 45 },
        consent: { permissions: PKG.permissions },
      },
    });
    answer(json(201, { installs: [{ site: 'lighting-02' }] }));
    await until(() => done.length === 1, 'heng-install-done');
    await w.updateComplete;
    ok(!$(w, 'progress'), 'progress gone');
    includes($(w, '[role="status"]')?.textContent, 'Installed at lighting-02');
  });

  it('does not go on, or send anything, while the settings are invalid', async () => {
    const { api, calls } = fakeApi(() => json(201, { installs: [] }));
    const w = await mount(api);
    const form = await toSettings(w);
    const level = form.shadowRoot?.getElementById('f-level') as HTMLInputElement;
    level.value = '150';
    level.dispatchEvent(new Event('input'));
    await form.updateComplete;
    await click(w, 'button.next');
    await until(() => $(w, '[role="alert"]'), 'the refusal');
    includes(heading(w), 'Settings');
    includes(form.shadowRoot?.getElementById('f-level-err')?.textContent, 'Must be 100 or less.');
    equal(calls.length, 0, 'nothing sent');
  });

  it("shows the hub's refusal in the user's language", async () => {
    setLocale('zh-CN');
    const { api } = fakeApi(() =>
      json(409, {
        error: {
          code: 'conflict',
          message: 'com.example.lamps is already installed at lighting-01',
        },
      }),
    );
    const w = await mount(api);
    await toSettings(w);
    await next(w);
    await tick(w, 'site-lighting-01');
    await next(w);
    await click(w, 'button.submit');
    const alert = await until(() => $(w, '[role="alert"]'), 'the refusal');
    ok(alert, 'the refusal');
    includes(alert.textContent, '此应用已安装在其中某个站点');
    includes(alert.textContent, 'already installed at lighting-01');
    ok(!($(w, 'button.submit') as HTMLButtonElement | null)?.disabled, 'can try again');
  });

  it('on upgrade asks again only for what grows, then sends consent', async () => {
    const difference = {
      added: [],
      removed: [],
      narrowed: [],
      widened: [{ capability: 'net:fetch', atoms: ['api.weather.example'] }],
    };
    const { api, calls } = fakeApi((call) =>
      call.body && (call.body as { consent?: unknown }).consent
        ? json(200, { install: { site: 'lighting-01' } })
        : json(409, {
            error: { code: 'consent_required', message: 'asks for more', issues: [], difference },
          }),
    );
    const w = await mount(api, (u) =>
      Object.assign(u, {
        mode: 'upgrade',
        site: 'lighting-01',
        installedVersion: '1.0.0',
        settings: { level: 20 },
      }),
    );
    deepEqual(w.steps, ['package', 'config', 'review']);
    await next(w);
    await (await formOf(w)).validatorReady;
    await next(w);
    await click(w, 'button.submit');
    await until(() => heading(w).includes('Permissions'), 'the permissions step');
    includes($(w, 'heng-permission-list')?.shadowRoot?.textContent, 'now also api.weather.example');
    ok(
      !$(w, 'heng-permission-list')?.shadowRoot?.textContent?.includes('dimming'),
      'only the change',
    );
    await tick(w, 'consent');
    await next(w);
    await next(w);
    await click(w, 'button.submit');
    await until(() => calls.length === 2, 'the second call');
    deepEqual(calls[1]?.body, {
      version: '1.1.0',
      config: { level: 20 },
      consent: { permissions: PKG.permissions },
    });
    equal(calls[1]?.path, '/api/sites/lighting-01/apps/com.example.lamps/upgrade');
  });
});
