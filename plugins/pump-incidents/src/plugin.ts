/**
 * @module Pumping station incidents: at the hub, turns a pumping station's high-water alarm into
 * a flooding incident for its site (announced at response level 2) and starts the standby pump;
 * closes the incident once the site has been quiet for the configured time.
 */
import { createSerialQueue, definePlugin } from '@heng/sdk';
import { alarmOf } from './alarm.ts';
import { closeQuietIncidents } from './close-quiet.ts';
import { respondToAlarm } from './open-incident.ts';

import { type Config, settingsOf } from './settings.ts';
import { storeOf } from './store.ts';

/** The schedule in the manifest that runs the closing round. */
export const ROUND_SCHEDULE = 'close-quiet';

const serially = createSerialQueue();

export default definePlugin<Config>({
  activate({ heng, config }) {
    const settings = settingsOf(config);
    heng.log.info('pumping station incidents started', {
      standbyPoint: settings.standbyPoint,
      closeAfterMinutes: settings.closeAfterMinutes,
    });
  },

  onEvent(event, { heng, config }) {
    // Read now, not when the queue gets to it: the quiet time counts from the alarm's arrival.
    const now = heng.now();
    const alarm = alarmOf(event);
    if (typeof alarm === 'string') {
      heng.log.warn(`alarm ignored: ${alarm}`);
      return;
    }
    return serially(() => respondToAlarm(alarm, now, settingsOf(config), heng, storeOf(heng)));
  },

  onSchedule(name, { heng, config }) {
    const now = heng.now();
    if (name !== ROUND_SCHEDULE) return;
    return serially(() => closeQuietIncidents(now, settingsOf(config), heng, storeOf(heng)));
  },
});
