/**
 * @module Plugins and apps at the edge: the core's plugin host running at the site (its audit
 * trail, readings in, commands out), and the install records from the hub applied to it, status
 * reported.
 */
export { EdgeApps, type EdgeAppsOptions, pouchRecords } from './edge-apps.ts';
export { EdgePlugins, type EdgePluginsOptions } from './plugins.ts';
