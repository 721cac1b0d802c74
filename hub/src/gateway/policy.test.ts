import { describe, expect, test } from 'vitest';
import { refuseEdgeDoc } from './policy.ts';

const edge = { site: 'lighting-01', clearance: 'secret' as const };
const command = (id: string) => ({
  _id: `command/${id}`,
  type: 'command',
  id,
  site: 'lighting-01',
  device: 'lamp-01',
  point: 'dimming',
  value: 40,
  requestedBy: { kind: 'plugin', id: 'city.hengyang.street-lighting' },
  reason: 'night plan',
  ts: '2026-11-28T20:00:00.000Z',
});

describe('what an edge may write', () => {
  test('takes the commands of its own plugins', () => {
    expect(
      refuseEdgeDoc(command('5f0c2a4e-0000-4000-8000-000000000001'), 'control', edge),
    ).toBeUndefined();
  });

  test('refuses a revision of a command made at the hub, by its id or its id field', () => {
    expect(refuseEdgeDoc(command('hub-5f0c2a4e'), 'control', edge)).toMatch(
      /is the hub's \(command\/hub-…\)/,
    );
    expect(refuseEdgeDoc({ ...command('x'), id: 'hub-5f0c2a4e' }, 'control', edge)).toMatch(
      /field id must repeat the id after command\//,
    );
  });

  test('refuses install records, deletions and other sites', () => {
    expect(refuseEdgeDoc({ _id: 'app-install/x', type: 'app-install' }, 'control', edge)).toMatch(
      /is the hub's \(app-install\/…\): an edge may not write, change or delete it/,
    );
    expect(
      refuseEdgeDoc({ _id: 'event/1', type: 'event', _deleted: true }, 'control', edge),
    ).toMatch(/delete/);
    expect(refuseEdgeDoc({ ...command('y'), site: 'pumping-01' }, 'control', edge)).toMatch(
      /not the edge's own site/,
    );
  });
});
