/**
 * @module What a vendor imports to write a plugin: `definePlugin` and the types of the API the
 * plugin sees, and the pattern rule. Kept tiny: it ends up inside plugin bundles, and imports
 * only the contracts' small pattern module.
 */
import type { PluginDefinition } from './api.ts';

// The platform's one rule for topic and point patterns, as grants and the event bus apply it.
export {
  compilePattern,
  compilePatterns,
  matchTopic,
  patternCovered,
  patternProblem,
  pointPatternProblem,
  pointProblem,
  type TopicMatcher,
  topicProblem,
} from '@heng/schemas/patterns';
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

/**
 * A runner that starts each piece of work after the previous one has settled, failed or not. The
 * host may call a plugin's handlers while earlier calls still wait on storage; work that reads,
 * decides and writes (two alarms of one site both finding no open incident, two readings of one
 * lamp both updating its record) must run one at a time.
 *
 * @example
 * const serial = createSerialQueue();
 * export default definePlugin({
 *   onEvent: (event, ctx) => serial(() => openIncident(event, ctx)),
 * });
 */
export function createSerialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (work) => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
