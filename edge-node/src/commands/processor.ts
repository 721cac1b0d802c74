/**
 * @module Commands at the edge: a command document arrives in the site's control database (from
 * the hub, an operator or a plugin), is checked, goes to the device, and its outcome is written
 * back as a document. Nothing writes to a field device without leaving both documents behind.
 */
import {
  type Command,
  type CommandOutcome,
  HengError,
  issuesFor,
  outcomeDocId,
  siteDocKind,
  siteDocRange,
  toHengError,
} from '@heng/schemas';

/** What carries a checked command to the device: the device client, for real. */
export interface PointWriter {
  /**
   * Writes `value` to `point` of `device` after the profile's checks (access, type, limits), and
   * reads it back. Throws a HengError naming what refused or failed.
   */
  write(
    device: string,
    point: string,
    value: Command['value'],
    reason: string,
  ): Promise<{ readBack: unknown }>;
}

export interface CommandProcessorOptions {
  db: PouchDB.Database;
  site: string;
  writer: PointWriter;
  now?: () => number;
  /** Told of every outcome, e.g. to log it. */
  onOutcome?: (outcome: CommandOutcome, command: Command | undefined) => void;
}

/** Codes that mean the command was refused before reaching the device. */
const REFUSALS = new Set(['invalid_input', 'permission_denied', 'rate_limited', 'not_found']);

export class CommandProcessor implements AsyncDisposable {
  readonly #options: Required<Omit<CommandProcessorOptions, 'onOutcome'>> &
    Pick<CommandProcessorOptions, 'onOutcome'>;
  #feed: PouchDB.Core.Changes<object> | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: CommandProcessorOptions) {
    this.#options = { now: Date.now, ...options };
  }

  /** Handles the commands that wait without an outcome, then follows new ones as they arrive. */
  async start(): Promise<void> {
    const { db } = this.#options;
    const info = await db.info();
    const waiting = await db.allDocs({
      ...siteDocRange('edge-command'),
      include_docs: true,
    });
    for (const row of waiting.rows) this.#enqueue(row.doc);
    this.#feed = db.changes({ live: true, since: info.update_seq, include_docs: true });
    this.#feed.on('change', (change) => {
      if (siteDocKind('control', change.id)?.type === 'command' && !change.deleted)
        this.#enqueue(change.doc);
    });
    await this.#queue;
  }

  /** Settles when every command seen so far has its outcome. */
  idle(): Promise<void> {
    return this.#queue;
  }

  #enqueue(doc: unknown): void {
    // One at a time: commands to one device keep their order.
    this.#queue = this.#queue.then(() => this.#handle(doc)).catch(() => {});
  }

  async #handle(doc: unknown): Promise<void> {
    const { site, writer } = this.#options;
    const id = (doc as { id?: unknown; _id?: string }).id;
    const commandId = typeof id === 'string' ? id : ((doc as { _id?: string })._id ?? 'unknown');
    if (await this.#hasOutcome(commandId)) return;
    const { _id, _rev, ...body } = doc as Command;
    const issues = issuesFor('command', body);
    if (issues.length > 0) {
      const text = issues.map((i) => `${i.path || '/'}: ${i.message}`).join('; ');
      return this.#record(commandId, undefined, 'rejected', {
        error: {
          code: 'invalid_input',
          message: `command ${_id ?? commandId} is invalid: ${text}`,
        },
      });
    }
    const command = body as Command;
    if (command.site !== site) {
      return this.#record(command.id, command, 'rejected', {
        error: {
          code: 'permission_denied',
          message: `command ${command.id} is for site ${command.site}, this is ${site}`,
        },
      });
    }
    if (command.expiresAt && Date.parse(command.expiresAt) <= this.#options.now()) {
      return this.#record(command.id, command, 'expired', {
        error: {
          code: 'expired',
          message: `command ${command.id} expired at ${command.expiresAt}`,
        },
      });
    }
    try {
      const { readBack } = await writer.write(
        command.device,
        command.point,
        command.value,
        command.reason,
      );
      await this.#record(command.id, command, 'applied', { value: command.value, readBack });
    } catch (error) {
      const failure = toHengError(error);
      await this.#record(command.id, command, REFUSALS.has(failure.code) ? 'rejected' : 'failed', {
        value: command.value,
        error: { code: failure.code, message: failure.message },
      });
    }
  }

  async #hasOutcome(commandId: string): Promise<boolean> {
    try {
      await this.#options.db.get(outcomeDocId(commandId));
      return true;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return false;
      throw error;
    }
  }

  async #record(
    commandId: string,
    command: Command | undefined,
    status: CommandOutcome['status'],
    extra: Pick<CommandOutcome, 'value' | 'error'> & { readBack?: unknown },
  ): Promise<void> {
    const outcome: CommandOutcome = {
      type: 'command-outcome',
      commandId,
      status,
      ts: new Date(this.#options.now()).toISOString(),
      ...(extra.value === undefined ? {} : { value: extra.value }),
      ...(extra.readBack === undefined
        ? {}
        : { readBack: extra.readBack as CommandOutcome['readBack'] }),
      ...(extra.error ? { error: extra.error } : {}),
    };
    try {
      await this.#options.db.put({ _id: outcomeDocId(commandId), ...outcome });
    } catch (error) {
      // Another processor wrote it first: one outcome per command, whoever wrote it.
      if ((error as { status?: number }).status !== 409)
        throw new HengError('internal', `outcome of command ${commandId} not written`, {
          cause: error,
        });
      return;
    }
    this.#options.onOutcome?.(outcome, command);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    this.#feed?.cancel();
    await this.#queue;
  }
}
