/**
 * @module What the `@example`s of `@heng/schemas` may use without declaring it: the package's API,
 * and what their reader already holds.
 */
import type { PluginManifest } from '@heng/schemas';

export * from '@heng/schemas';

/** A plugin's manifest. */
export declare const manifest: PluginManifest;
/** A parsed JSON document, not yet checked. */
export declare const json: unknown;
/** A request body, parsed, not yet checked. */
export declare const body: unknown;
