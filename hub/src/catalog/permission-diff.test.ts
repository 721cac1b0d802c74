import type { Permission } from '@heng/schemas';
import { describe, expect, test } from 'vitest';
import { asksForMore, describeDiff, diffPermissions, samePower } from './permission-diff.ts';

const read = (...points: string[]): Permission => ({ capability: 'telemetry:read', points });
const write = (count: number, ...points: string[]): Permission => ({
  capability: 'command:write',
  points,
  rate: { count, perSeconds: 60 },
});

describe('the permission difference', () => {
  test('sees the same power in a reordered, split or re-worded list', () => {
    const a = [read('+/+/dimming', '+/+/power'), { capability: 'storage' } as Permission];
    const b = [
      { capability: 'storage', quotaKiB: 1024, reason: 'remembers lamps' } as Permission,
      read('+/+/power'),
      read('+/+/dimming'),
    ];
    expect(samePower(diffPermissions(a, b))).toBe(true);
  });

  test('names a capability that was not held as added', () => {
    const diff = diffPermissions(
      [read('+/+/dimming')],
      [read('+/+/dimming'), { capability: 'net:fetch', hosts: ['api.example.com'] }],
    );
    expect(diff.added).toEqual([{ capability: 'net:fetch', hosts: ['api.example.com'] }]);
    expect(asksForMore(diff)).toBe(true);
    expect(describeDiff(diff)).toEqual(['adds net:fetch: api.example.com']);
  });

  test('names new points, a higher command rate and a larger quota as widened', () => {
    const diff = diffPermissions(
      [read('+/+/dimming'), write(30, '+/+/dimming'), { capability: 'storage', quotaKiB: 512 }],
      [
        read('+/+/dimming', '#'),
        write(60, '+/+/dimming'),
        { capability: 'storage', quotaKiB: 2048 },
      ],
    );
    expect(diff.widened).toEqual([
      { capability: 'telemetry:read', atoms: ['#'] },
      { capability: 'command:write', atoms: ['+/+/dimming at 60/60s'] },
      { capability: 'storage', atoms: ['quota 2048 KiB'] },
    ]);
    expect(diff.added).toEqual([]);
  });

  test('counts dropped and narrowed scope as asking for less', () => {
    const diff = diffPermissions(
      [read('+/+/dimming', '+/+/power'), write(30, '+/+/dimming')],
      [read('+/+/dimming')],
    );
    expect(diff.removed.map((p) => p.capability)).toEqual(['command:write']);
    expect(diff.narrowed).toEqual([{ capability: 'telemetry:read', atoms: ['+/+/power'] }]);
    expect(asksForMore(diff)).toBe(false);
    expect(samePower(diff)).toBe(false);
  });
});
