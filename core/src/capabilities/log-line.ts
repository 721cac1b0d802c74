/**
 * @module Turns a plugin's `log(level, msg, data)` arguments into a bounded log line: unknown
 * levels become `info`, long messages are cut, oversized or non-JSON data is replaced by a note.
 */
import { jsonArg } from './args.ts';
import type { BrokerLimits } from './op-context.ts';
import type { LogLevel } from './ports.ts';

const LEVELS: ReadonlySet<string> = new Set<LogLevel>(['debug', 'info', 'warn', 'error']);

export interface LogLine {
  level: LogLevel;
  msg: string;
  data?: unknown;
}

/** Never throws: logging must not become a way to fail. */
export function logLine(
  args: unknown,
  limits: Pick<BrokerLimits, 'maxLogMessageChars' | 'maxLogDataBytes'>,
): LogLine {
  const list = Array.isArray(args) ? args : [];
  const [rawLevel, rawMsg, rawData] = [list[0], list[1], list[2]];
  const level = (
    typeof rawLevel === 'string' && LEVELS.has(rawLevel) ? rawLevel : 'info'
  ) as LogLevel;
  let msg = typeof rawMsg === 'string' ? rawMsg : `(${rawMsg === null ? 'null' : typeof rawMsg})`;
  if (msg.length > limits.maxLogMessageChars) {
    msg = `${msg.slice(0, limits.maxLogMessageChars)}… [${msg.length - limits.maxLogMessageChars} characters cut]`;
  }
  if (rawData === undefined) return { level, msg };
  try {
    return { level, msg, data: jsonArg('log', '/2', rawData, limits.maxLogDataBytes) };
  } catch (err) {
    return { level, msg, data: { dropped: (err as Error).message } };
  }
}
