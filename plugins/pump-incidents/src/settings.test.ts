import { describe, expect, test } from 'vitest';
import manifest from '../heng.plugin.json' with { type: 'json' };
import { DEFAULT_SETTINGS, settingsOf } from './settings.ts';
import { startHub } from './site.fixture.ts';

const schema = manifest.config.properties;

describe('pump incidents: settings', () => {
  test.each([
    ['a quiet time of 0 minutes', { closeAfterMinutes: 0 }, '/closeAfterMinutes'],
    ['a quiet time in fractions of a minute', { closeAfterMinutes: 7.5 }, '/closeAfterMinutes'],
    ['a quiet time over a day', { closeAfterMinutes: 1441 }, '/closeAfterMinutes'],
    ['a stop point as the standby point', { standbyPoint: 'pump-2-stop' }, '/standbyPoint'],
    ['a start value that is not a boolean', { startValue: 'yes' }, '/startValue'],
    ['a setting it does not know', { closeAfter: 30 }, 'closeAfter'],
  ])('refuses %s at install', async (_what, config, where) => {
    const refused = startHub({ config: config as never });
    await expect(refused).rejects.toMatchObject({ code: 'invalid_config' });
    await expect(refused).rejects.toThrow(where);
  });

  test('fills in the same defaults as the manifest’s schema', () => {
    expect(settingsOf({})).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toEqual({
      standbyPoint: schema.standbyPoint.default,
      startValue: schema.startValue.default,
      closeAfterMinutes: schema.closeAfterMinutes.default,
    });
  });

  test('offers as standby only the start points its grant may command', () => {
    const grant = manifest.permissions.find((p) => p.capability === 'command:write');
    expect(grant?.points).toEqual(schema.standbyPoint.enum.map((point) => `+/+/${point}`).sort());
  });
});
