/**
 * @module What a hub plugin's granted calls reach at the hub: commands become command documents
 * in the site's control database (as an operator's do, requested by the plugin), events raised
 * here are kept in the hub's control database, and the host's audit entries of writes and
 * refusals go into the hub's hash-chained audit log.
 */
import {
  type AuditEntry,
  type AuditSink,
  type CommandPort,
  eventDocId,
  type HengEvent,
} from '@heng/core';
import { assertDocument, NotFoundError } from '@heng/schemas';
import type { AuditLog } from '../audit/types.ts';
import { type Couch, couchStatus, HUB_CONTROL_DB, storeError } from '../couch/index.ts';
import type { SiteRegistry } from '../sites/registry.ts';
import { sendCommand } from '../sites/site-data.ts';

/** The registered sites, as hub plugins' ports look them up (the registry, cached). */
export type SiteLookup = Pick<SiteRegistry, 'find'>;

/** Commands of hub plugins, to registered sites only; the edge checks them like any other. */
export function pluginCommands(couch: Couch, audit: AuditLog, sites: SiteLookup): CommandPort {
  return {
    async send(command) {
      if (!(await sites.find(command.site)))
        throw new NotFoundError(`commands.send: site ${command.site} is not registered`);
      const { device, point, value, reason } = command;
      const written = await sendCommand(
        couch,
        audit,
        { id: command.site },
        { device, point, value, reason },
        { requestedBy: command.requestedBy, actor: `plugin:${command.requestedBy.id}` },
      );
      return { id: written.id, status: 'queued' };
    },
  };
}

/** Keeps an event raised at the hub in its control database (once: a repeat is a conflict). */
export async function keepHubEvent(couch: Couch, event: Readonly<HengEvent>): Promise<void> {
  const doc = { ...event, type: 'event' as const, _id: eventDocId(event) };
  assertDocument('event', doc, doc._id);
  try {
    await couch.db(HUB_CONTROL_DB).insert(doc);
  } catch (err) {
    if (couchStatus(err) === 409) return;
    throw storeError(err, `keep event ${doc._id}`);
  }
}

/** Host calls that change something (reads are audited only when refused or failing). */
const WRITES = new Set(['events.publish', 'storage.put', 'storage.delete', 'fetch']);
const OUTCOMES = { allowed: 'ok', denied: 'refused', error: 'failed' } as const;

/**
 * The plugin host's audit entries into the hub's audit log: every refusal and failure, and every
 * allowed write. `commands.send` is audited once, as `command.send`, by the command itself.
 */
export function hubAuditSink(audit: AuditLog, onError: (error: Error) => void): AuditSink {
  return {
    record(entry: AuditEntry) {
      if (entry.outcome === 'allowed' && !WRITES.has(entry.action)) return;
      if (entry.outcome === 'allowed' && entry.action === 'commands.send') return;
      audit
        .append({
          actor: entry.actor,
          action: `plugin.${entry.action}`,
          target: entry.target ?? '',
          outcome: OUTCOMES[entry.outcome],
          ...(entry.reason === undefined ? {} : { detail: { reason: entry.reason } }),
        })
        .catch(onError);
    },
  };
}
