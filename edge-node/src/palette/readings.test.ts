import { describe, expect, test } from 'vitest';
import { eventOf, readingsOf } from './index.ts';

const NOW = new Date('2026-11-28T08:00:00Z');

describe('readingsOf', () => {
  test('takes readings, one reading, or a map of point to value', () => {
    expect(
      readingsOf(
        { payload: [{ point: 'pm25', value: 12, ts: '2026-11-28T07:59:00Z' }] },
        'aqm-1',
        NOW,
      ),
    ).toEqual({
      device: 'aqm-1',
      readings: [{ point: 'pm25', value: 12, quality: 'good', ts: '2026-11-28T07:59:00.000Z' }],
    });
    expect(
      readingsOf(
        { payload: { point: 'level', value: 2.5, quality: 'uncertain' }, device: 'pump-1' },
        '',
        NOW,
      ),
    ).toEqual({
      device: 'pump-1',
      readings: [{ point: 'level', value: 2.5, quality: 'uncertain', ts: NOW.toISOString() }],
    });
    expect(
      readingsOf({ payload: { dimming: 40, on: true } }, 'lamp-1', NOW).readings.map((r) => [
        r.point,
        r.value,
      ]),
    ).toEqual([
      ['dimming', 40],
      ['on', true],
    ]);
  });

  test('names the field that is wrong', () => {
    expect(() =>
      readingsOf({ payload: [{ point: 'pm25', value: Number.NaN }] }, 'aqm-1', NOW),
    ).toThrow(/msg.payload\[0\].value/);
    expect(() => readingsOf({ payload: { point: 'bad point', value: 1 } }, 'aqm-1', NOW)).toThrow(
      /msg.payload.point/,
    );
    expect(() => readingsOf({ payload: { pm25: 1 } }, '', NOW)).toThrow(/msg.device/);
    expect(() => readingsOf({ payload: 42 }, 'aqm-1', NOW)).toThrow(
      /msg.payload: must be readings/,
    );
    expect(() =>
      readingsOf({ payload: [{ point: 'p', value: 1, ts: 'yesterday' }] }, 'd', NOW),
    ).toThrow(/\.ts: must be an ISO 8601 time/);
  });
});

describe('eventOf', () => {
  test('makes an event of a message, with the node topic and level as defaults', () => {
    const event = eventOf(
      { payload: { level: 3.2 } },
      { topic: 'pump/alarm', level: 2, site: 'pump-1', node: 'n1' },
      NOW,
    );
    expect(event).toMatchObject({
      topic: 'pump/alarm',
      level: 2,
      source: 'edge:pump-1/node-red/n1',
      payload: { level: 3.2 },
      dataClass: 'internal',
    });
  });

  test('refuses a bad topic or level', () => {
    expect(() => eventOf({ topic: 'a//b' }, { site: 's', node: 'n' }, NOW)).toThrow(/msg.topic/);
    expect(() => eventOf({ topic: 'a', level: 7 }, { site: 's', node: 'n' }, NOW)).toThrow(
      /msg.level/,
    );
    expect(() => eventOf({ topic: 'a', payload: [1] }, { site: 's', node: 'n' }, NOW)).toThrow(
      /msg.payload/,
    );
  });
});
