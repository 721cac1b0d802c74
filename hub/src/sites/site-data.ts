/**
 * @module What the hub reads and writes in a site's control database for people: commands down
 * to the edge with their outcomes, and events up from it, which a principal sees by data class.
 * (Telemetry, page by page: `telemetry-pages.ts`.)
 */
import { randomUUID } from 'node:crypto';
import type { Command, CommandOutcome, HengEvent, Site } from '@heng/schemas';
import {
  commandDocId,
  HengError,
  HUB_COMMAND_ID_PREFIX,
  outcomeDocId,
  siteDocRange,
} from '@heng/schemas';
import { checkBody } from '../api/http.ts';
import type { AuditLog } from '../audit/types.ts';
import { actorOf } from '../auth/hub-auth.ts';
import { cleared, type Principal } from '../auth/types.ts';
import { type Couch, controlDbOf, couchStatus, siteDbName, storeError } from '../couch/index.ts';

/** Who asks for a command: a signed-in person, or a plugin running at the hub. */
export interface CommandRequester {
  requestedBy: Command['requestedBy'];
  /** The audit log's actor: `user:<id>`, `plugin:<id>`. */
  actor: string;
}

/** A signed-in principal as the requester of a command. */
export function principalRequester(principal: Principal): CommandRequester {
  return { requestedBy: { kind: 'user', id: principal.id }, actor: actorOf(principal) };
}

/** Writes a command for the site's edge; the edge checks it against the device and answers. */
export async function sendCommand(
  couch: Couch,
  audit: AuditLog,
  site: Pick<Site, 'id'>,
  body: unknown,
  by: CommandRequester,
  now: Date = new Date(),
): Promise<Command> {
  // The request names only what to do; the id, the site, who and when are the hub's.
  const request = checkBody('command-request', body, 'command request');
  const command = checkBody(
    'command',
    {
      ...request,
      type: 'command',
      id: `${HUB_COMMAND_ID_PREFIX}${randomUUID()}`,
      site: site.id,
      requestedBy: by.requestedBy,
      ts: now.toISOString(),
    },
    'command',
  );
  const target = `site/${site.id}/device/${command.device}/point/${command.point}`;
  try {
    await couch
      .db(siteDbName(site.id, 'control'))
      .insert({ ...command, _id: commandDocId(command.id) });
  } catch (err) {
    await audit.append({ actor: by.actor, action: 'command.send', target, outcome: 'failed' });
    throw storeError(err, `send command to ${site.id}`);
  }
  await audit.append({
    actor: by.actor,
    action: 'command.send',
    target,
    outcome: 'ok',
    detail: { commandId: command.id, value: command.value, reason: command.reason },
  });
  return command;
}

/** A command and, once the edge has answered, its outcome. */
export async function commandWithOutcome(
  couch: Couch,
  site: string,
  commandId: string,
): Promise<{ command: Command; outcome: CommandOutcome | null }> {
  const db = couch.db<Command | CommandOutcome>(siteDbName(site, 'control'));
  let command: Command;
  try {
    command = (await db.get(commandDocId(commandId))) as Command;
  } catch (err) {
    if (couchStatus(err) === 404)
      throw new HengError('not_found', `command ${commandId} at site ${site} does not exist`);
    throw storeError(err, `read command ${commandId}`);
  }
  try {
    return { command, outcome: (await db.get(outcomeDocId(commandId))) as CommandOutcome };
  } catch (err) {
    if (couchStatus(err) === 404) return { command, outcome: null };
    throw storeError(err, `read the outcome of ${commandId}`);
  }
}

/** The events of a site (or of the hub: `hub`), newest first, that the principal is cleared to see. */
export async function listEvents(
  couch: Couch,
  site: string,
  principal: Principal,
  limit: number,
): Promise<HengEvent[]> {
  try {
    const rows = await couch.db<HengEvent>(controlDbOf(site)).list({
      // Newest first: the range's ends swapped.
      startkey: siteDocRange('event').endkey,
      endkey: siteDocRange('event').startkey,
      descending: true,
      include_docs: true,
      limit: limit * 4,
    });
    return rows.rows
      .map((r) => r.doc)
      .filter((d): d is NonNullable<typeof d> => d?.type === 'event')
      .filter((d) => cleared(principal.clearance, d.dataClass))
      .slice(0, limit)
      .map(({ _id, _rev, ...event }) => event as HengEvent);
  } catch (err) {
    throw storeError(err, `list events of ${site}`);
  }
}
