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

/** A refusal or failure of a host call, as the plugin catches it. */
export interface HostError extends Error {
  name: 'HengError';
  /** Stable code: `permission_denied`, `rate_limited`, `invalid_input`, `payload_too_large`… */
  code: string;
}

/**
 * Tells a host refusal from other errors, optionally of one code.
 *
 * @example
 * try {
 *   await heng.commands?.send({ point, value: 40, reason: 'night plan' });
 * } catch (err) {
 *   if (!isHostError(err, 'rate_limited')) throw err;
 *   // try again at the next schedule
 * }
 */
export function isHostError(error: unknown, code?: string): error is HostError {
  if (!(error instanceof Error) || error.name !== 'HengError') return false;
  const actual = (error as { code?: unknown }).code;
  return typeof actual === 'string' && (code === undefined || actual === code);
}
