/**
 * @module A broker wired to fakes (manual clock, recording audit, in-memory ports), for the
 * broker's own tests and for anyone testing code that sits on a broker.
 */
import { EventBus } from '../bus/event-bus.ts';
import { createMemoryStore } from '../store/memory-store.ts';
import { Broker } from './broker.ts';
import { grantFromManifest } from './grant.ts';
import type { Permission } from './grant-types.ts';
import type { BrokerLimits } from './op-context.ts';
import type { LogLevel, PointCommand, TelemetryReading } from './ports.ts';
import type { AuditEntry } from './types.ts';

export const FIXTURE_PLUGIN_ID = 'city.hengyang.test';

/** A clock that only moves when told. */
export class ManualClock {
  #now: number;
  constructor(start = Date.UTC(2026, 2, 1, 8, 30)) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}

export interface FetchCall {
  url: string;
  init: RequestInit;
}

/** Builds a broker for `permissions` over fakes that record everything that reaches them. */
export function brokerFixture(permissions: Permission[], limits: Partial<BrokerLimits> = {}) {
  const clock = new ManualClock();
  const audit: AuditEntry[] = [];
  const logs: Array<{ level: LogLevel; msg: string; data?: unknown }> = [];
  const commands: PointCommand[] = [];
  const readings = new Map<string, TelemetryReading>();
  const fetches: FetchCall[] = [];
  const backing = new Map<string, string>();
  const storage = createMemoryStore(FIXTURE_PLUGIN_ID, backing);
  const bus = new EventBus();
  let respond: (call: FetchCall) => Promise<Response> = async () => new Response('ok');
  const grant = grantFromManifest({ id: FIXTURE_PLUGIN_ID, permissions });
  const broker = new Broker({
    pluginId: FIXTURE_PLUGIN_ID,
    grant,
    clock,
    audit: { record: (entry) => audit.push(entry) },
    limits,
    ports: {
      telemetry: { latest: async (path) => readings.get(path) },
      commands: {
        send: async (command) => {
          commands.push(command);
          return { id: `cmd-${commands.length}`, status: 'pending' };
        },
      },
      events: bus,
      storage,
      fetch: (url, init) => {
        const call = { url, init };
        fetches.push(call);
        return respond(call);
      },
      log: (level, msg, data) =>
        logs.push(data === undefined ? { level, msg } : { level, msg, data }),
    },
  });
  return {
    broker,
    grant,
    clock,
    audit,
    logs,
    commands,
    readings,
    fetches,
    backing,
    storage,
    bus,
    /** Calls the bridge as a sandbox would. */
    call: (op: string, ...args: unknown[]) => broker.bridge(op, args),
    /** Decides what the fake network answers. */
    onFetch(handler: (call: FetchCall) => Promise<Response>) {
      respond = handler;
    },
  };
}

/** The error a call rejected (or threw) with; fails when it succeeded. */
export async function failure(run: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}
