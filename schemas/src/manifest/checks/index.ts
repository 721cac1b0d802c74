/**
 * @module Every semantic manifest check, in the order their findings are reported.
 */
import type { ManifestCheck } from '../types.ts';
import { commandScopeBroad } from './command-scope-broad.ts';
import { configSchemaCompiles } from './config-schema-compiles.ts';
import { duplicateCapability } from './duplicate-capability.ts';
import { duplicateEntries } from './duplicate-entries.ts';
import { enginesRange } from './engines-range.ts';
import { hubCommandReason } from './hub-command-reason.ts';
import { limitsCeiling } from './limits-ceiling.ts';
import { netFetchBroadWildcard } from './net-fetch-broad-wildcard.ts';
import { netFetchPrivateHost } from './net-fetch-private-host.ts';
import { scheduleNameClash } from './schedule-name-clash.ts';
import { uiPanelUndeclared } from './ui-panel-undeclared.ts';
import { uiPanelUnpermitted } from './ui-panel-unpermitted.ts';
import { versionNormalized } from './version-normalized.ts';
import { wildcardHashLast } from './wildcard-hash-last.ts';

export { localNetworkReason } from './private-address.ts';
export {
  commandScopeBroad,
  configSchemaCompiles,
  duplicateCapability,
  duplicateEntries,
  enginesRange,
  hubCommandReason,
  limitsCeiling,
  netFetchBroadWildcard,
  netFetchPrivateHost,
  scheduleNameClash,
  uiPanelUndeclared,
  uiPanelUnpermitted,
  versionNormalized,
  wildcardHashLast,
};

/** The checks `checkManifest` runs. */
export const MANIFEST_CHECKS: readonly ManifestCheck[] = [
  versionNormalized,
  enginesRange,
  limitsCeiling,
  wildcardHashLast,
  netFetchPrivateHost,
  netFetchBroadWildcard,
  uiPanelUndeclared,
  scheduleNameClash,
  configSchemaCompiles,
  duplicateCapability,
  duplicateEntries,
  uiPanelUnpermitted,
  hubCommandReason,
  commandScopeBroad,
];
