/**
 * @module Street lighting: dims lamps to a night plan to save energy, announces lamp faults and
 * repairs, accounts and publishes each site's energy use, and serves a status summary.
 */
import { createSerialQueue, definePlugin } from '@heng/sdk';
import { applyPlan } from './dimming.ts';
import { reportEnergy } from './energy-report.ts';
import { answer } from './routes.ts';

import { type Config, settingsOf } from './settings.ts';
import { storeOf } from './store.ts';
import { recordReading } from './telemetry.ts';

const serially = createSerialQueue();

export default definePlugin<Config>({
  activate({ heng, config }) {
    const settings = settingsOf(config);
    heng.log.info('street lighting started', {
      steps: settings.plan.length,
      utcOffsetMinutes: settings.utcOffsetMinutes,
      controlPoints: settings.controlPoints,
    });
  },

  onTelemetry(reading, { heng, config }) {
    return serially(() => recordReading(reading, settingsOf(config), heng, storeOf(heng)));
  },

  onSchedule(name, { heng, config }) {
    // Read now, not when the queue gets to it: the round is for the moment it was due.
    const now = heng.now();
    const settings = settingsOf(config);
    return serially(async () => {
      if (name === 'dimming') await applyPlan(now, settings, heng, storeOf(heng));
      else if (name === 'energy-report') await reportEnergy(now, settings, heng, storeOf(heng));
    });
  },

  onRequest(request, { heng, config }) {
    return answer(request, heng.now(), settingsOf(config), storeOf(heng));
  },
});
