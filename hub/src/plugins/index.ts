/** @module Plugins at the hub: the app runner over the hub's control database, and its ports. */
export { HubPlugins, type HubPluginsOptions } from './hub-plugins.ts';
export { type HubPluginRoutesOptions, hubPluginRoutes } from './routes.ts';
