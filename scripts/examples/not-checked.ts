/**
 * @module The `@example`s `check.ts` leaves out, each with its reason. An entry names the file and
 * how the example's first line starts, so it outlives edits elsewhere in the file; an entry that
 * matches no example fails the check (the example was fixed or removed: take the entry out).
 *
 * Each one below is broken or cannot be read as code, and stands in a folder another change owns
 * (core/src/capabilities, edge-node/src): fix it there, then take its entry out.
 */
export interface NotChecked {
  /** The file, from the repository's root. */
  file: string;
  /** How the example's first line starts (trimmed). */
  startsWith: string;
  reason: string;
}

/** Broken examples waiting for their owners (issue 11, item 8). */
export const NOT_CHECKED: NotChecked[] = [
  {
    file: 'core/src/capabilities/broker.ts',
    startsWith: 'const broker = new Broker(',
    reason:
      'calls createSandbox, which does not exist (PluginSandbox.create does), and elides its ' +
      'arguments with `...`, which is not TypeScript',
  },
  {
    file: 'edge-node/src/palette/write-request.ts',
    startsWith: "writeRequestOf({ payload: 40, reason: 'night plan' }",
    reason: 'calls writeRequestOf with two arguments; it takes three (msg, config, device)',
  },
  {
    file: 'edge-node/src/modbus/line.ts',
    startsWith: 'await using line = new ModbusLine(',
    reason:
      'uses TcpTransport, which line.ts does not import and edge-node does not export: the ' +
      "example needs `import { TcpTransport } from './transport-tcp.ts';`",
  },
  {
    file: 'edge-node/src/modbus/device.ts',
    startsWith: 'const lamp = new DeviceClient(',
    reason:
      'uses `line` (a ModbusLine), a type edge-node does not export, so no given can name it: ' +
      'the example needs to open its line (or import ModbusLine)',
  },
  {
    file: 'edge-node/src/devices/poller.ts',
    startsWith: 'await using poller = new Poller(',
    reason:
      'uses `devices` (DeviceClient[]) and `plugins`, neither declared nor a public type: the ' +
      'example needs to say where they come from',
  },
  {
    file: 'edge-node/src/devices/site-devices.ts',
    startsWith: 'await using site = await SiteDevices.open(',
    reason: 'pseudo-code: `=> …` stands for a function body, which is not TypeScript',
  },
  {
    file: 'edge-node/src/modbus/codec-reply.ts',
    startsWith: 'for (const d of decodeReply(',
    reason:
      'pseudo-code: `read(...)` and a trailing `…` are not TypeScript, and `request`, ' +
      '`transport` are not declared',
  },
];
