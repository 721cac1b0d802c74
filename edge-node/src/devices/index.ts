/** @module The site's devices: the devices file, the lines and clients, the command writer, the poller. */
export {
  type DeviceEntry,
  loadDevicesFile,
  type ResolvedDevice,
  resolveDevices,
} from './devices-file.ts';
export {
  DEFAULT_POLL_MS,
  type DeviceReadings,
  Poller,
  type PollerOptions,
  pollInterval,
} from './poller.ts';
export { SiteDevices, type SiteDevicesOptions } from './site-devices.ts';
