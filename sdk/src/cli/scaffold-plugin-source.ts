/** @module The example plugin and its tests that `heng-plugin init` writes into a new plugin. */

/** `src/plugin.ts`: a small but complete plugin a vendor can grow from. */
export function pluginSource(name: string): string {
  return `/**
 * ${name}: keeps a running average of each device's PM2.5 readings and raises an
 * \`air/alert\` event when the average goes above the configured threshold.
 */
import { definePlugin } from '@heng/sdk';

/** The settings an administrator gives at install (see \`config\` in heng.plugin.json). */
interface Config {
  /** PM2.5 (µg/m³) above which the average raises an alert. */
  threshold: number;
  /** How many recent readings the average covers. */
  window?: number;
}

/** What the plugin keeps per device in its own storage. */
interface Average {
  values: number[];
  mean: number;
  alerting: boolean;
}

const keyOf = (site: string, device: string) => \`avg/\${site}/\${device}\`;

export default definePlugin<Config>({
  activate({ heng, config }) {
    heng.log.info('watching PM2.5', { threshold: config.threshold });
  },

  async onTelemetry(reading, { heng, config }) {
    // The grant delivers +/+/pm25 only; checking again keeps the plugin right if that changes.
    if (reading.point !== 'pm25' || typeof reading.value !== 'number' || reading.quality === 'bad') {
      return;
    }
    // Present because heng.plugin.json asks for the storage and events:publish permissions.
    const storage = heng.storage!;
    const events = heng.events!;
    const key = keyOf(reading.site, reading.device);
    const previous = await storage.get<Average>(key);
    const values = [...(previous?.values ?? []), reading.value].slice(-(config.window ?? 10));
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    const alerting = mean > config.threshold;
    // Alert when the average crosses the threshold, not on every reading above it.
    if (alerting && !previous?.alerting) {
      await events.publish(
        'air/alert',
        { site: reading.site, device: reading.device, mean, threshold: config.threshold },
        { level: 3, title: \`PM2.5 average \${mean.toFixed(1)} µg/m³ at \${reading.device}\` },
      );
    }
    await storage.put(key, { values, mean, alerting });
  },

  async onRequest(request, { heng }) {
    if (request.method !== 'GET' || request.path !== '/status') return { status: 404 };
    const averages = await heng.storage!.list<Average>('avg/');
    const devices = averages.map(({ key, value }) => ({
      device: key.slice('avg/'.length),
      mean: value.mean,
      alerting: value.alerting,
    }));
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ devices }),
    };
  },
});
`;
}

/** `src/plugin.test.ts`: runs the plugin in a simulated site, in the real sandbox. */
export function pluginTestSource(name: string): string {
  return `import { createTestSite } from '@heng/sdk/testing';
import { afterEach, describe, expect, test } from 'vitest';

type Site = Awaited<ReturnType<typeof createTestSite>>;

describe(${JSON.stringify(name)}, () => {
  let site: Site | undefined;
  const start = async (threshold = 50) => {
    site = await createTestSite({ dir: new URL('..', import.meta.url), config: { threshold } });
    return site;
  };
  afterEach(async () => {
    await site?.dispose();
    site = undefined;
  });

  test('keeps a running average of each device’s PM2.5 readings', async () => {
    const s = await start();
    await s.feed({ device: 'aq-1', point: 'pm25', value: 20 });
    await s.feed({ device: 'aq-1', point: 'pm25', value: 40 });
    expect(await s.storage.get('avg/test-site/aq-1')).toEqual({
      values: [20, 40],
      mean: 30,
      alerting: false,
    });
    expect(s.events).toEqual([]);
  });

  test('raises air/alert once when the average goes above the threshold', async () => {
    const s = await start(50);
    await s.feed({ device: 'aq-1', point: 'pm25', value: 80 });
    await s.feed({ device: 'aq-1', point: 'pm25', value: 90 });
    expect(s.events.map((e) => e.topic)).toEqual(['air/alert']);
    expect(s.commands).toEqual([]);
  });

  test('reports the averages at GET /status', async () => {
    const s = await start();
    await s.feed({ device: 'aq-2', point: 'pm25', value: 12 });
    const res = await s.request('GET', '/status');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      devices: [{ device: 'test-site/aq-2', mean: 12, alerting: false }],
    });
  });
});
`;
}
