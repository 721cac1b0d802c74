/** @module Hash routes. */
import { deepEqual, describe, equal, it } from '../../test/harness.ts';
import { hrefOf, parseRoute } from './index.ts';

describe('routes', () => {
  it('parses the places of the shell', () => {
    deepEqual(parseRoute(''), { name: 'overview' });
    deepEqual(parseRoute('#/sites'), { name: 'overview' });
    deepEqual(parseRoute('#/sites/lighting-01'), { name: 'site', site: 'lighting-01' });
    deepEqual(parseRoute('#/audit'), { name: 'audit' });
    deepEqual(parseRoute('#/hub'), { name: 'hub' });
    // The hub's apps are a part of the hub's view, not a site's apps.
    deepEqual(parseRoute('#/sites/hub/apps'), { name: 'hub' });
    deepEqual(parseRoute('#/nowhere/else'), { name: 'not-found', path: '/nowhere/else' });
  });

  it('writes what it parses', () => {
    for (const hash of ['#/sites', '#/sites/a%20b', '#/events', '#/parties', '#/signin', '#/hub'])
      equal(hrefOf(parseRoute(hash)), hash);
  });
});
