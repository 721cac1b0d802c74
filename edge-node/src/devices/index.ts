/**
 * @module The site's devices: the devices file, the lines they share and their clients, the
 * command writer, the poller.
 */

export { acquireLine, type LineLease, openLineCount } from './device-lines.ts';
export {
  type DeviceLog,
  type DeviceLogEntry,
  type DevicePollState,
  silentDeviceLog,
} from './device-log.ts';
export {
  type DeviceEntry,
  LINE_FIELDS,
  loadDevicesFile,
  type ResolvedDevice,
  resolveDevices,
} from './devices-file.ts';
export { DEFAULT_POLL_MS, type PollGroup, pollGroups, profilePollMs } from './poll-groups.ts';
export { type DeviceReadings, Poller, type PollerOptions, pollInterval } from './poller.ts';
export {
  SITE_LINE_DEFAULTS,
  SiteDevices,
  type SiteDevicesOptions,
  siteLineOptions,
} from './site-devices.ts';
