/** @module The audit log's filters go to the hub as query parameters, and pages follow. */
import { deepQuery, deepText, fakeContext } from '../../test/fakes.ts';
import { afterEach, describe, equal, it, until } from '../../test/harness.ts';
import './index.ts';
import type { AuditView } from './audit-view.ts';

let view: AuditView | undefined;
afterEach(() => view?.remove());

const entry = (seq: number, outcome = 'ok') => ({
  seq,
  ts: '2026-11-28T10:00:00Z',
  actor: 'user:admin',
  action: 'site.register',
  target: `site/s${seq}`,
  outcome,
});

describe('<heng-audit>', () => {
  it('filters and pages', async () => {
    const fake = fakeContext({
      'GET /api/audit': ({ url }) =>
        url.includes('before=2')
          ? { body: { entries: [entry(1)] } }
          : url.includes('outcome=refused')
            ? { body: { entries: [entry(7, 'refused')] } }
            : { body: { entries: [entry(3), entry(2)], next: 2 } },
    });
    view = document.createElement('heng-audit') as AuditView;
    view.ctx = fake.ctx;
    document.body.append(view);
    await until(() => deepText(view!).includes('site/s3'), 'first page');
    const more = await until(() =>
      deepQuery<HTMLButtonElement>(view!, 'button.secondary:not([type])'),
    );
    more.click();
    await until(() => deepText(view!).includes('site/s1'), 'second page');
    const form = deepQuery<HTMLFormElement>(view!, 'form')!;
    (form.querySelector('[name=outcome]') as HTMLSelectElement).value = 'refused';
    (form.querySelector('[name=actor]') as HTMLInputElement).value = 'user:admin';
    form.requestSubmit();
    await until(() => deepText(view!).includes('site/s7'), 'filtered');
    equal(fake.calls.at(-1)?.url, '/api/audit?actor=user%3Aadmin&outcome=refused&limit=50');
  });
});
