/**
 * @module Starts Debian's pymodbus as a Modbus device for tests (pymodbus-server.py beside
 * this file): over TCP on a free port, or RTU on one end of a serial line.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./pymodbus-server.py', import.meta.url));

/** A Python that can import pymodbus (Debian's /usr/bin/python3 first: pyenv shims lack it). */
export function pymodbusPython(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(python, ['-c', 'import pymodbus'], { stdio: 'ignore' });
    if (r.status === 0) return python;
  }
  return undefined;
}

/** Whether that Python can also open serial ports (python3-serial-asyncio, needed for RTU). */
export function pymodbusSerialAvailable(): boolean {
  const python = pymodbusPython();
  if (!python) return false;
  return spawnSync(python, ['-c', 'import serial_asyncio'], { stdio: 'ignore' }).status === 0;
}

export interface PymodbusOptions {
  units?: number[];
  /** RTU on this serial device instead of TCP. */
  serial?: string;
  baud?: number;
}

/** A running pymodbus device. */
export interface PymodbusPeer extends AsyncDisposable {
  /** TCP port (TCP mode). */
  port: number;
  /** Freezes the process (SIGSTOP): the connection stays open but nothing answers. */
  freeze(): void;
  thaw(): void;
  dispose(): Promise<void>;
}

export async function startPymodbus(options: PymodbusOptions = {}): Promise<PymodbusPeer> {
  const python = pymodbusPython();
  if (!python) throw new Error('python3-pymodbus is not installed');
  const args = [
    SCRIPT,
    options.serial ? 'rtu' : 'tcp',
    '--units',
    (options.units ?? [1]).join(','),
  ];
  if (options.serial)
    args.push('--serial', options.serial, '--baud', String(options.baud ?? 19200));
  const child = spawn(python, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = once(child, 'exit');
  const ready = await Promise.race([
    readFirstLine(child),
    exited.then(() => {
      throw new Error(`pymodbus-server.py exited before it was ready: ${stderr}`);
    }),
  ]);
  const { port } = JSON.parse(ready) as { port?: number };
  let frozen = false;
  const dispose = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (frozen) child.kill('SIGCONT');
    child.stdin.end();
    // Safety net only: the script exits on stdin EOF.
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(kill);
  };
  return {
    port: port ?? 0,
    freeze() {
      frozen = true;
      child.kill('SIGSTOP');
    },
    thaw() {
      frozen = false;
      child.kill('SIGCONT');
    },
    dispose,
    [Symbol.asyncDispose]: dispose,
  };
}

async function readFirstLine(child: ChildProcess): Promise<string> {
  let text = '';
  for await (const chunk of child.stdout!) {
    text += (chunk as Buffer).toString();
    const nl = text.indexOf('\n');
    if (nl >= 0) return text.slice(0, nl);
  }
  throw new Error('pymodbus-server.py closed its output before it was ready');
}
