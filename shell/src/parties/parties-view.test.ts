/** @module Users and organisations: lists, and creating a user shows their password once. */
import { ADMIN, deepQuery, deepText, fakeContext } from '../../test/fakes.ts';
import { afterEach, describe, equal, it, until } from '../../test/harness.ts';
import './index.ts';
import type { PartiesView } from './parties-view.ts';

let view: PartiesView | undefined;
afterEach(() => view?.remove());

describe('<heng-parties>', () => {
  it('creates a user and shows the generated password', async () => {
    const fake = fakeContext({
      'GET /api/organisations': () => ({
        body: {
          organisations: [
            { id: 'management-centre', name: 'Management centre', kind: 'department' },
          ],
        },
      }),
      'GET /api/users': () => ({
        body: {
          users: [
            {
              id: 'admin',
              name: 'Admin',
              organisation: 'management-centre',
              roles: ['administrator'],
              clearance: 'secret',
            },
          ],
        },
      }),
      'POST /api/users': () => ({ status: 201, body: { user: {}, password: 'pw-shown-once' } }),
    });
    fake.ctx.me = ADMIN;
    view = document.createElement('heng-parties') as PartiesView;
    view.ctx = fake.ctx;
    document.body.append(view);
    await until(() => deepText(view!).includes('Management centre'), 'lists');
    const form = await until(() =>
      deepQuery<HTMLFormElement>(view!, 'form[aria-label="New user"]'),
    );
    (form.querySelector('[name=id]') as HTMLInputElement).value = 'li.wei';
    (form.querySelector('[name=name]') as HTMLInputElement).value = 'Li Wei';
    form.requestSubmit();
    await until(() => deepText(view!).includes('pw-shown-once'), 'password shown');
    const sent = fake.calls.find((c) => c.method === 'POST')?.body;
    equal(
      JSON.stringify(sent),
      JSON.stringify({
        id: 'li.wei',
        name: 'Li Wei',
        organisation: 'management-centre',
        roles: ['viewer'],
        clearance: 'internal',
      }),
    );
  });
});
