/**
 * @module What the `@example`s of the hub may use without declaring it: the hub's public API and
 * that of the packages it builds on, and what their reader (the hub's start) already holds.
 */

import type { Authenticator, PasswordHash } from '@heng/hub/auth';
import type { Couch, HubStore } from '@heng/hub/couch';
import type { SyncGatewayOptions } from '@heng/hub/gateway';
import type { AppInstall, PluginManifest } from '@heng/schemas';
import type { Hono } from 'hono';
import type { CatalogSummary } from '../../../hub/src/catalog/documents.ts';
import type { SiteWatcherOptions } from '../../../hub/src/watch/watcher.ts';

export type { PluginStatusDoc, TelemetryReading } from '@heng/core';
export * from '@heng/core';
export * from '@heng/hub/auth';
// In two of them: the hub's own wins.
export { errorResponse } from '@heng/hub/auth';
export * from '@heng/hub/couch';
export * from '@heng/hub/gateway';
export { DEFAULT_LIMITS } from '@heng/hub/gateway';
export * from '@heng/schemas';

export declare const app: Hono;
export declare const store: HubStore;
export declare const couch: Couch;
export declare const audit: SyncGatewayOptions['audit'];
export declare const authenticator: Authenticator;
export declare const onSeen: SyncGatewayOptions['onSeen'];
export declare const catalog: SiteWatcherOptions['catalog'];
/** A package in the catalog. */
export declare const pkg: CatalogSummary;
/** A plugin's manifest, and the install record of what is installed. */
export declare const manifest: PluginManifest;
export declare const installed: AppInstall;
/** Who signs in, and the password they gave and the one stored. */
export declare const userId: string;
export declare const password: string;
export declare const hash: PasswordHash;
