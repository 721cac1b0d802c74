/** @module The hub's audit log: hash-chained entries in CouchDB, verified and listed. */
export { AUDIT_PREFIX, auditDocId, entryHash, GENESIS_HASH } from './chain.ts';
export { type AuditDoc, CouchAuditLog, type CouchAuditLogOptions } from './couch-audit-log.ts';
export {
  type AuditFilter,
  type AuditPage,
  DEFAULT_AUDIT_PAGE,
  listEntries,
  MAX_AUDIT_PAGE,
} from './list.ts';
export { REDACTED, redactSecrets } from './redact.ts';
export type { AuditEntry, AuditLog, AuditRecord } from './types.ts';
export { type AuditVerification, verifyChain } from './verify.ts';
