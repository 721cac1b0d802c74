/**
 * @module The host operations on a plugin's own storage: key rules, value size and quota are
 * checked here, before the StoragePort is reached.
 */
import { HengError, PermissionDeniedError } from '@heng/schemas';
import { entryBytes, MAX_LIST_LIMIT, storageKeyProblem } from '../store/keys.ts';
import { argList, badArg, field, jsonArg, recordArg } from './args.ts';
import { type HostOperation, type OpContext, portOf } from './op-context.ts';

function keyArg(op: string, path: string, value: unknown, allowEmpty = false): string {
  if (allowEmpty && value === '') return '';
  const problem = storageKeyProblem(value);
  if (problem) badArg(op, path, problem);
  return value as string;
}

function requireStorage(ctx: OpContext, op: string, key: string): void {
  if (ctx.grant.storageQuota <= 0) {
    throw new PermissionDeniedError(
      `${op}: plugin ${ctx.pluginId} has no storage permission (key ${JSON.stringify(key)})`,
    );
  }
}

/** `storage.get(key)` → the value, or undefined. */
export const storageGet: HostOperation = async (ctx, raw, call) => {
  const op = 'storage.get';
  const key = keyArg(op, '/0', argList(op, raw, 1)[0]);
  call.target = key;
  requireStorage(ctx, op, key);
  call.allowed = true;
  return portOf(ctx, 'storage', op).get(key);
};

/** `storage.put(key, value)`: refused when the value is too big or the quota would overflow. */
export const storagePut: HostOperation = async (ctx, raw, call) => {
  const op = 'storage.put';
  const args = argList(op, raw, 2);
  const key = keyArg(op, '/0', args[0]);
  call.target = key;
  const value = jsonArg(op, '/1', args[1], ctx.limits.maxValueBytes);
  requireStorage(ctx, op, key);
  const storage = portOf(ctx, 'storage', op);
  const quota = ctx.grant.storageQuota;
  await ctx.serialize(async () => {
    call.allowed = true;
    const [used, old] = await Promise.all([storage.usage(), storage.get(key)]);
    const freed = old === undefined ? 0 : entryBytes(key, JSON.stringify(old));
    const after = used - freed + entryBytes(key, JSON.stringify(value));
    if (after > quota) {
      call.allowed = false;
      throw new HengError(
        'payload_too_large',
        `${op}: plugin ${ctx.pluginId} would use ${after} bytes of storage, over its quota of ${quota} (key ${JSON.stringify(key)})`,
      );
    }
    await storage.put(key, value);
  });
  return undefined;
};

/** `storage.delete(key)` → whether there was something to delete. */
export const storageDelete: HostOperation = async (ctx, raw, call) => {
  const op = 'storage.delete';
  const key = keyArg(op, '/0', argList(op, raw, 1)[0]);
  call.target = key;
  requireStorage(ctx, op, key);
  const storage = portOf(ctx, 'storage', op);
  call.allowed = true;
  return ctx.serialize(() => storage.delete(key));
};

/** `storage.list(prefix?, { limit? })` → `{ key, value }[]` in key order. */
export const storageList: HostOperation = async (ctx, raw, call) => {
  const op = 'storage.list';
  const args = argList(op, raw, 2);
  const prefix = args[0] === undefined ? '' : keyArg(op, '/0', args[0], true);
  call.target = `${prefix}*`;
  let limit: number | undefined;
  if (args[1] !== undefined) {
    const options = recordArg(op, '/1', args[1]);
    const raw = field(options, 'limit');
    if (
      raw !== undefined &&
      (!Number.isInteger(raw) || (raw as number) < 1 || (raw as number) > MAX_LIST_LIMIT)
    ) {
      badArg(op, '/1/limit', `must be an integer 1..${MAX_LIST_LIMIT}`);
    }
    limit = raw as number | undefined;
  }
  requireStorage(ctx, op, prefix);
  call.allowed = true;
  return portOf(ctx, 'storage', op).list(prefix, limit === undefined ? {} : { limit });
};
