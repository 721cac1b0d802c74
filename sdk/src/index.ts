/**
 * @module What a vendor imports to write a plugin: `definePlugin` and the types of the API the
 * plugin sees. Kept tiny and free of runtime dependencies: it ends up inside plugin bundles.
 */
import type { PluginDefinition } from './api.ts';

export type * from './api.ts';

/**
 * Declares a plugin. The bundle's default export must be its result.
 *
 * @example
 * export default definePlugin<{ threshold: number }>({
 *   async onTelemetry(reading, { heng, config }) {
 *     if (typeof reading.value === 'number' && reading.value > config.threshold) {
 *       await heng.events?.publish('air/alert', { point: reading.point, value: reading.value });
 *     }
 *   },
 * });
 */
export function definePlugin<Config = Record<string, unknown>>(
  definition: PluginDefinition<Config>,
): PluginDefinition<Config> {
  return definition;
}
