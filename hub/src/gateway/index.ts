/** @module The sync gateway: edges replicate with the hub's store through it, and only through it. */
export type { EdgePrincipal } from './authenticate.ts';
export { DEFAULT_LIMITS, type SyncLimits } from './call.ts';
export { type SyncGatewayOptions, syncGateway } from './gateway.ts';
export { type EdgeWriter, refuseEdgeDoc } from './policy.ts';
export { visibleTo } from './visibility.ts';
