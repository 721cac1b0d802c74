/**
 * @module The Modbus lines the site's devices share: one `ModbusLine` per host:port, however
 * many devices (units) sit behind it, whether the devices file or a `heng-device` node names
 * them, so one gateway sees one connection with one request in flight; the line is closed when
 * the last device lets go of it.
 */
import { type LineOptions, ModbusLine } from '../modbus/line.ts';
import { TcpTransport } from '../modbus/transport-tcp.ts';

/** A device's hold on a shared line; `release()` once, when the device (or its node) closes. */
export interface LineLease {
  line: ModbusLine;
  release(): Promise<void>;
}

const lines = new Map<string, { line: ModbusLine; users: number }>();

/**
 * The line to `host:port`, opened on first use (it connects lazily and reconnects with backoff,
 * so a device that is down at deploy time does not stop the flow from starting). `options`
 * (timeouts, retries, when a device counts as offline) apply when this call opens the line; a
 * line already open keeps those it was opened with.
 */
export function acquireLine(
  host: string,
  port: number,
  options: Omit<LineOptions, 'transport'> = {},
): LineLease {
  const key = `${host}:${port}`;
  let entry = lines.get(key);
  if (!entry) {
    const transport = new TcpTransport({ host, port });
    entry = { line: new ModbusLine({ ...options, transport }), users: 0 };
    lines.set(key, entry);
  }
  entry.users++;
  const held = entry;
  let released = false;
  return {
    line: held.line,
    async release() {
      if (released) return;
      released = true;
      if (--held.users > 0) return;
      if (lines.get(key) === held) lines.delete(key);
      await held.line.dispose();
    },
  };
}

/** How many shared lines are open (for tests: all closed after a flow stops). */
export function openLineCount(): number {
  return lines.size;
}
