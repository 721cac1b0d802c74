/** @module The audit log view. */
export { type AuditEntry, AuditView } from './audit-view.ts';
