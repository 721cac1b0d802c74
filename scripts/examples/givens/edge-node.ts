/**
 * @module What the `@example`s of the edge may use without declaring it: the edge's public API and
 * that of the packages it builds on, and what their reader (the edge's start) already holds.
 * Only the public subpaths are imported: the edge's folders are not a contract.
 */
import type { RunningEdge } from '@heng/edge-node/edge';
import type { TelemetryStore } from '@heng/edge-node/store';
import type { DevicePoint, DeviceProfile } from '@heng/schemas';

export type { PluginStatusDoc, TelemetryReading } from '@heng/core';
export * from '@heng/core';
export * from '@heng/edge-node/edge';
export * from '@heng/edge-node/profiles';
export * from '@heng/edge-node/store';
export * from '@heng/schemas';

/** The running edge, and its databases. */
export declare const edge: RunningEdge;
export declare const control: PouchDB.Database;
export declare const local: PouchDB.Database;
export declare const telemetry: TelemetryStore;
/** A device profile (e.g. the reference street light's), one of its points, its defaults. */
export declare const profile: DeviceProfile;
export declare const streetlight: DeviceProfile;
export declare const dimming: DevicePoint;
export declare const defaults: DeviceProfile['defaults'];
/** A Modbus TCP device's address. */
export declare const host: string;
export declare const port: number;
/** The site's edge token. */
export declare const token: string;
/** An HTTP request. */
export declare const request: Request;
/** A reading's time. */
export declare const ts: string;
export declare const log: {
  info(message: string, entry: object): void;
  warn(message: string, entry: object): void;
};
