/**
 * @module What the `@example`s of `@heng/sdk` may use without declaring it: the SDK's API, a test
 * runner's `expect`, and what a plugin's author already holds.
 */

import type { HengEvent, PluginManifest } from '@heng/schemas';
import type { HengApi, PluginContext } from '@heng/sdk';

export * from '@heng/sdk';
export * from '@heng/sdk/testing';
export { expect } from 'vitest';

/** The plugin's global `heng`. */
export declare const heng: HengApi;
/** A point path, e.g. `lighting-01/lamp-7/dimming`. */
export declare const point: string;
/** The plugin's manifest, and its bundled JavaScript. */
export declare const manifest: PluginManifest;
export declare const bundle: string;
/** Some work of the plugin's own. */
export declare function openIncident(event: HengEvent, ctx: PluginContext<unknown>): Promise<void>;
