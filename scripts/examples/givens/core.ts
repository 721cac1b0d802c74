/**
 * @module What the `@example`s of `@heng/core` may use without declaring it: the API of the core
 * and of the schemas it builds on, and what their reader already holds.
 */
import type {
  AuditSink,
  Grant,
  HostBridge,
  PluginHost,
  PluginHostOptions,
  PluginStoreDb,
  PublicKeyRecord,
  SandboxOptions,
} from '@heng/core';
import type { HengEvent, PluginManifest, TelemetryReading } from '@heng/schemas';

// In both: the core's own wins, as `import … from '@heng/core'` would give it.
export type { PluginStatusDoc, TelemetryReading } from '@heng/core';
export * from '@heng/core';
export * from '@heng/schemas';

/** A plugin's manifest. */
export declare const manifest: PluginManifest;
/** A plugin's bundled JavaScript. */
export declare const bundle: string;
/** A signed `.hpkg` package. */
export declare const bytes: Uint8Array;
/** A packed `.hpkg`, not yet signed. */
export declare const hpkg: Uint8Array;
/** A vendor's public key, as the hub trusts it. */
export declare const vendorKey: PublicKeyRecord;
export declare const pluginId: string;
export declare const grant: Grant;
export declare const host: PluginHost;
export declare const event: HengEvent;
export declare const reading: TelemetryReading;
export declare const audit: AuditSink;
/** What a host connects its plugins to. */
export declare const ports: PluginHostOptions['ports'];
export declare const storageFor: PluginHostOptions['storageFor'];
export declare const bridge: HostBridge;
export declare const api: SandboxOptions['api'];
/** A PouchDB database. */
export declare const db: PluginStoreDb;
/** The application's logger. */
export declare const log: Pick<Console, 'debug' | 'info' | 'warn' | 'error'>;
