/** @module An edge site in one process: stores, bus, Node-RED with the palette, commands. */

export { EdgePlugins, type EdgePluginsOptions } from './plugins.ts';
export { type EdgeOptions, type RunningEdge, startEdge } from './start.ts';
