/** @module The panel grant's point matcher, pinned to the core's pattern semantics. */
import { deepEqual, describe, equal, it } from '../../test/harness.ts';
import { matchPoint, panelGrant, pointAt } from './point-grant.ts';

describe('point patterns (as core/src/capabilities/pattern.ts)', () => {
  const cases: [string, string, boolean][] = [
    ['+/+/dimming', 'lighting-01/lamp-1/dimming', true],
    ['+/+/dimming', 'lighting-01/lamp-1/power', false],
    ['+/+/dimming', 'lighting-01/dimming', false],
    ['lighting-01/#', 'lighting-01/lamp-1/power', true],
    ['lighting-01/#', 'lighting-01', true],
    ['lighting-01/#', 'lighting-02/lamp-1/power', false],
    ['#', 'a/b/c', true],
    ['a/b/c', 'a/b/c', true],
    ['a/b/c', 'a/b/c/d', false],
    ['a/+', 'a', false],
    ['a/#/c', 'a/b/c', false],
    ['+/+/dimming', '+/+/dimming', false],
    ['+/+/dimming', 'x/../dimming', true],
    ['+/+/dimming', 'x/a b/dimming', false],
    ['a//b', 'a//b', false],
  ];
  for (const [pattern, topic, want] of cases)
    it(`${pattern} ${want ? 'matches' : 'does not match'} ${topic}`, () => {
      equal(matchPoint(pattern, topic), want, `${pattern} vs ${topic}`);
    });
});

describe('a panel grant', () => {
  const grant = panelGrant([
    { capability: 'telemetry:read', points: ['+/+/dimming', '+/+/power'] },
    {
      capability: 'command:write',
      points: ['lighting-01/+/dimming'],
      rate: { count: 1, perSeconds: 1 },
    },
    { capability: 'ui:panel', panels: ['status'] },
  ]);

  it('reads, commands and shows only what its permissions name', () => {
    equal(grant.read('lighting-01/lamp-1/power'), true);
    equal(grant.read('lighting-01/lamp-1/relay'), false);
    equal(grant.command('lighting-01/lamp-1/dimming'), true);
    equal(grant.command('lighting-01/lamp-1/power'), false);
    equal(grant.command('lighting-02/lamp-1/dimming'), false);
    deepEqual([...grant.panels], ['status']);
  });

  it('covers a pattern only when the grant covers every point it can match', () => {
    equal(grant.readsAll('lighting-01/+/dimming'), true);
    equal(grant.readsAll('+/+/dimming'), true);
    equal(grant.readsAll('lighting-01/+/+'), false);
    equal(grant.readsAll('lighting-01/#'), false);
    equal(pointAt('lighting-01', '+/dimming', true), 'lighting-01/+/dimming');
    equal(pointAt('lighting-01', '+/dimming'), undefined);
    equal(panelGrant([{ capability: 'telemetry:read', points: ['a/#'] }]).readsAll('a/#'), true);
    equal(panelGrant([{ capability: 'telemetry:read', points: ['a/#'] }]).readsAll('a/b/+'), true);
  });

  it('takes device/point at the panel’s own site and refuses another site', () => {
    equal(pointAt('lighting-01', 'lamp-1/dimming'), 'lighting-01/lamp-1/dimming');
    equal(pointAt('lighting-01', 'lighting-01/lamp-1/dimming'), 'lighting-01/lamp-1/dimming');
    equal(pointAt('lighting-01', 'lighting-02/lamp-1/dimming'), undefined);
    equal(pointAt('lighting-01', 'lamp-1/+'), undefined);
    equal(pointAt('lighting-01', 42), undefined);
  });
});
