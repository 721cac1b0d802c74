/**
 * @module The host operations on live data: read a point, command a point, publish an event.
 */
import {
  DATA_CLASSES,
  HengError,
  isDataClass,
  PermissionDeniedError,
  RateLimitedError,
} from '@heng/schemas';
import type { DataClass, EventLevel, HengEvent } from '../bus/types.ts';
import { argList, badArg, field, jsonArg, recordArg, stringArg } from './args.ts';
import { type HostOperation, portOf } from './op-context.ts';
import { MAX_TOPIC_LENGTH, pointProblem, topicProblem } from './pattern.ts';
import type { PointCommand } from './ports.ts';

const LEVELS: ReadonlySet<unknown> = new Set<EventLevel>([1, 2, 3, 4]);

function pointArg(op: string, path: string, value: unknown): string {
  const point = stringArg(op, path, value, 1, MAX_TOPIC_LENGTH);
  const problem = pointProblem(point);
  if (problem) badArg(op, path, problem);
  return point;
}

/** `telemetry.latest(path)` → the point's latest reading, or undefined. */
export const telemetryLatest: HostOperation = async (ctx, raw, call) => {
  const op = 'telemetry.latest';
  const args = argList(op, raw, 1);
  const path = pointArg(op, '/0', args[0]);
  call.target = path;
  if (!ctx.grant.canReadPoint(path)) {
    throw new PermissionDeniedError(`${op}: plugin ${ctx.pluginId} may not read point '${path}'`);
  }
  call.allowed = true;
  const reading = await portOf(ctx, 'telemetry', op).latest(path);
  return reading === undefined ? undefined : JSON.parse(JSON.stringify(reading));
};

/** `commands.send({ point, value, reason })` → `{ id, status }` of the command document. */
export const commandsSend: HostOperation = async (ctx, raw, call) => {
  const op = 'commands.send';
  const args = argList(op, raw, 1);
  const request = recordArg(op, '/0', args[0]);
  const path = pointArg(op, '/0/point', field(request, 'point'));
  call.target = path;
  const value = field(request, 'value');
  const valid =
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && value.length <= 1024);
  if (!valid)
    badArg(
      op,
      '/0/value',
      'must be a boolean, a finite number or a string of at most 1024 characters',
    );
  const reason = stringArg(op, '/0/reason', field(request, 'reason'), 1, 500);
  if (reason.trim() === '') badArg(op, '/0/reason', 'must say why, not be blank');
  const rule = ctx.grant.commandRuleFor(path);
  if (!rule)
    throw new PermissionDeniedError(
      `${op}: plugin ${ctx.pluginId} may not command point '${path}'`,
    );
  const [site, device, point] = path.split('/') as [string, string, string];
  if (!ctx.commandLimiter(rule, site).tryTake()) {
    throw new RateLimitedError(
      `${op}: plugin ${ctx.pluginId} exceeded ${rule.rate.count} commands per ${rule.rate.perSeconds} s at site '${site}' (point '${path}')`,
    );
  }
  call.allowed = true;
  const command: PointCommand = {
    site,
    device,
    point,
    value: value as PointCommand['value'],
    reason,
    requestedBy: { kind: 'plugin', id: ctx.pluginId },
  };
  const receipt = await portOf(ctx, 'commands', op).send(command);
  if (typeof receipt?.id !== 'string' || typeof receipt.status !== 'string') {
    throw new HengError(
      'internal',
      `${op}: the command port returned no { id, status } for point '${path}'`,
    );
  }
  call.note = `command ${receipt.id}: ${receipt.status}`;
  return { id: receipt.id, status: receipt.status };
};

/** `events.publish({ topic, payload, level?, title?, dataClass? })` → `{ id }`. */
export const eventsPublish: HostOperation = async (ctx, raw, call) => {
  const op = 'events.publish';
  const args = argList(op, raw, 1);
  const request = recordArg(op, '/0', args[0]);
  const topic = stringArg(op, '/0/topic', field(request, 'topic'), 1, MAX_TOPIC_LENGTH);
  const problem = topicProblem(topic);
  if (problem) badArg(op, '/0/topic', problem);
  call.target = topic;
  const rawPayload = field(request, 'payload') ?? {};
  if (typeof rawPayload !== 'object' || rawPayload === null || Array.isArray(rawPayload)) {
    badArg(op, '/0/payload', 'must be an object');
  }
  const payload = jsonArg(
    op,
    '/0/payload',
    rawPayload,
    ctx.limits.maxValueBytes,
  ) as HengEvent['payload'];
  const level = field(request, 'level');
  if (level !== undefined && !LEVELS.has(level)) {
    badArg(op, '/0/level', 'must be a response level 1..4 (1 is the most severe)');
  }
  const title = field(request, 'title');
  if (title !== undefined) stringArg(op, '/0/title', title, 1, 200);
  const dataClass = field(request, 'dataClass') ?? 'internal';
  if (!isDataClass(dataClass)) {
    badArg(op, '/0/dataClass', `must be one of ${DATA_CLASSES.join(', ')}`);
  }
  if (!ctx.grant.canPublish(topic)) {
    throw new PermissionDeniedError(
      `${op}: plugin ${ctx.pluginId} may not publish on topic '${topic}'`,
    );
  }
  if (!ctx.eventLimiter.tryTake()) {
    throw new RateLimitedError(
      `${op}: plugin ${ctx.pluginId} published more than ${ctx.limits.eventsPerMinute} events a minute`,
    );
  }
  call.allowed = true;
  const event: HengEvent = {
    id: crypto.randomUUID(),
    topic,
    source: `plugin:${ctx.pluginId}`,
    ts: new Date(ctx.clock.now()).toISOString(),
    payload,
    dataClass: dataClass as DataClass,
  };
  if (level !== undefined) event.level = level as EventLevel;
  if (title !== undefined) event.title = title as string;
  portOf(ctx, 'events', op).publish(event);
  call.note = `event ${event.id}`;
  return { id: event.id };
};
