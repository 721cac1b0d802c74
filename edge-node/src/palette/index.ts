/** @module Heng's Node-RED palette: node registrations (logic here, thin .js/.html in nodes/). */
export {
  type DeviceConfig,
  type DeviceNode,
  openDeviceClient,
  registerDevice,
} from './device-node.ts';
export { eventOf, registerEvents } from './events.ts';
export { FlowDevices, writerOf } from './flow-devices.ts';
export { type DeviceRead, DeviceReadError, deviceRead } from './read-device.ts';
export { registerRead } from './read-node.ts';
export { type DeviceReadings, readingsOf } from './readings.ts';
export { registerSite, type SiteNode } from './site-node.ts';
export { releaseSiteServices, type SiteServices, siteServices } from './site-services.ts';
export { registerTelemetryOut } from './telemetry-out.ts';
export { registerWrite } from './write-node.ts';
export { type WriteRequest, writeRequestOf } from './write-request.ts';
