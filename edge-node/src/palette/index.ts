/** @module Heng's Node-RED palette: node registrations (logic here, thin .js/.html in nodes/). */
export { eventOf, registerEvents } from './events.ts';
export { type DeviceReadings, readingsOf } from './readings.ts';
export { registerSite, type SiteNode } from './site-node.ts';
export { releaseSiteServices, type SiteServices, siteServices } from './site-services.ts';
export { registerTelemetryOut } from './telemetry-out.ts';
