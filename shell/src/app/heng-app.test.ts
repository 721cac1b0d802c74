/**
 * @module The shell end to end against a fake hub: sign-in (wrong credentials, expired session),
 * the overview updating live, the unreachable banner, and switching language.
 */
import { ADMIN, deepQuery, deepText, fakeContext, type Routes, siteRow } from '../../test/fakes.ts';
import {
  afterEach,
  beforeEach,
  describe,
  equal,
  includes,
  it,
  ok,
  until,
} from '../../test/harness.ts';
import { setLocale } from '../i18n/index.ts';
import './index.ts';
import type { HengApp } from './heng-app.ts';

let app: HengApp | undefined;

function mount(routes: Routes) {
  const fake = fakeContext(routes);
  app = document.createElement('heng-app') as HengApp;
  app.ctx = fake.ctx;
  document.body.append(app);
  return fake;
}

const text = () => (app ? deepText(app) : '');
const shows = (part: string) =>
  until(() => text().includes(part), `shows "${part}"`).catch((err: Error) => {
    throw new Error(`${err.message}; the page says: ${text()}`);
  });

describe('<heng-app>', () => {
  beforeEach(() => {
    history.replaceState(null, '', '#/sites');
  });
  afterEach(() => {
    app?.remove();
    app = undefined;
    setLocale('en');
    localStorage.clear();
  });

  it('asks to sign in, says so on wrong credentials, then shows the sites', async () => {
    let signedIn = false;
    const { calls, sources } = mount({
      'GET /api/me': () =>
        signedIn
          ? { body: ADMIN }
          : { status: 401, body: { error: { code: 'unauthenticated', message: 'no token' } } },
      'POST /api/auth/login': ({ body }) => {
        if ((body as { password: string }).password !== 'right')
          return { status: 401, body: { error: { code: 'unauthenticated', message: 'wrong' } } };
        signedIn = true;
        return { body: { token: 'secret-token', ...ADMIN } };
      },
      'GET /api/sites': () => ({ body: { sites: [siteRow('lighting-01')] } }),
    });
    await shows('Sign in to Heng');
    const form = await until(() =>
      deepQuery<HTMLFormElement>(app!, 'form[aria-labelledby=signin-title]'),
    );
    (form.querySelector('[name=user]') as HTMLInputElement).value = 'admin';
    (form.querySelector('[name=password]') as HTMLInputElement).value = 'wrong';
    form.requestSubmit();
    await shows('Wrong user name or password');
    (form.querySelector('[name=password]') as HTMLInputElement).value = 'right';
    form.requestSubmit();
    await shows('Site lighting-01');
    await shows('1 of 1 sites online');
    ok(!JSON.stringify(localStorage).includes('secret-token'), 'no token kept in storage');
    ok(
      calls.some((c) => c.url === '/api/auth/login'),
      'signed in through the API',
    );
    equal(sources.length, 1, 'live feed opened');
  });

  it('updates a site live, and shows a banner while the hub is unreachable', async () => {
    const { sources } = mount({
      'GET /api/me': () => ({ body: ADMIN }),
      'GET /api/sites': () => ({ body: { sites: [siteRow('pump-02', { push: 40 })] } }),
    });
    await shows('40 waiting');
    const source = await until(() => sources[0]);
    source.open();
    source.emit('site', {
      site: 'pump-02',
      sync: siteRow('pump-02', { online: false, push: 10 }).sync,
    });
    await shows('10 waiting');
    await shows('Offline');
    const bar = deepQuery<HTMLProgressElement>(app!, 'progress');
    equal(bar?.value, 30, 'progress as the backlog drains');
    equal(bar?.max, 40);
    source.fail();
    await shows('The hub is unreachable');
    source.open();
    await until(() => !text().includes('The hub is unreachable'), 'banner gone');
  });

  it('goes back to sign-in with a message when the session expires', async () => {
    let expired = false;
    mount({
      'GET /api/me': () => ({ body: ADMIN }),
      'GET /api/sites': () =>
        expired
          ? { status: 401, body: { error: { code: 'unauthenticated', message: 'expired' } } }
          : { body: { sites: [] } },
      'GET /api/audit': () => ({
        status: 401,
        body: { error: { code: 'unauthenticated', message: 'expired' } },
      }),
    });
    await shows('No sites yet');
    expired = true;
    location.hash = '#/audit';
    await shows('Your session has expired');
    ok(deepQuery(app!, 'heng-signin'), 'sign-in shown');
  });

  it('switches language, and remembers it', async () => {
    mount({
      'GET /api/me': () => ({ body: ADMIN }),
      'GET /api/sites': () => ({ body: { sites: [siteRow('lighting-01')] } }),
    });
    await shows('Users & organisations');
    const select = await until(() => deepQuery<HTMLSelectElement>(app!, 'header select'));
    select.value = 'zh-CN';
    select.dispatchEvent(new Event('change'));
    await shows('用户与组织');
    await shows('在线');
    equal(document.documentElement.lang, 'zh-CN');
    equal(localStorage.getItem('heng.locale'), 'zh-CN');
  });

  it('offers a retry when the hub cannot be reached at start', async () => {
    let up = false;
    const fake = fakeContext({
      'GET /api/me': () =>
        up
          ? { body: ADMIN }
          : { status: 503, body: { error: { code: 'store_unavailable', message: 'down' } } },
      'GET /api/sites': () => ({ body: { sites: [] } }),
    });
    app = document.createElement('heng-app') as HengApp;
    app.ctx = fake.ctx;
    document.body.append(app);
    await shows('store is unavailable');
    up = true;
    const retry = await until(() => deepQuery<HTMLButtonElement>(app!, 'main button'));
    retry.click();
    await shows('No sites yet');
    includes(text(), 'Signed in as admin');
  });
});
