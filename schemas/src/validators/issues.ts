/**
 * @module Turns ajv's errors into Heng issues: a JSON pointer and a message in plain words.
 */
import type { ErrorObject } from 'ajv';
import type { Issue } from '../errors.ts';
import { CAPABILITIES, FORMAT_HINTS, PATTERN_HINTS, TYPE_WORDS } from './message-words.ts';

/** Shows a value inside a message, shortened so one bad value cannot flood a log line. */
export function showValue(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (Number.isInteger(value)) return 'an integer';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function listWords(words: string[], joiner = 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${joiner} ${words.at(-1)}`;
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}

function why(error: ErrorObject): string {
  // Conditional rules (coils are bits, strings need a length) explain themselves in a
  // description next to the rule, so the message can say why, not only what.
  if (!error.schemaPath.includes('/then')) return '';
  const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? `: ${description}` : '';
}

function issueOf(error: ErrorObject): Issue | undefined {
  const path = error.instancePath;
  const got = ` (got ${showValue(error.data)})`;
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return undefined; // the failing `then` rule reports itself
    case 'required':
      return {
        path: `${path}/${pointerSegment(String(p.missingProperty))}`,
        message: `is required${why(error)}`,
      };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(p.additionalProperty ?? p.unevaluatedProperty);
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      const allowed = known.length > 0 ? ` (allowed here: ${known.join(', ')})` : '';
      return { path, message: `has an unknown property "${name}"${allowed}` };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => showValue(v));
      return { path, message: `must be one of ${listWords(allowed)}${got}` };
    }
    case 'const':
      return { path, message: `must be ${showValue(p.allowedValue)}${got}${why(error)}` };
    case 'type': {
      const types = String(p.type).split(',');
      return {
        path,
        message: `must be ${listWords(types.map((t) => TYPE_WORDS[t] ?? t))} (got ${kindOf(error.data)})`,
      };
    }
    case 'pattern': {
      const hint = PATTERN_HINTS.get(String(p.pattern));
      return {
        path,
        message: hint
          ? `must be ${hint}${got}`
          : `must match the pattern ${String(p.pattern)}${got}`,
      };
    }
    case 'format': {
      const format = String(p.format);
      return {
        path,
        message: `must be ${FORMAT_HINTS[format] ?? `in the "${format}" format`}${got}`,
      };
    }
    case 'minimum':
      return { path, message: `must be at least ${p.limit}${got}` };
    case 'maximum':
      return { path, message: `must be at most ${p.limit}${got}` };
    case 'exclusiveMinimum':
      return { path, message: `must be more than ${p.limit}${got}` };
    case 'exclusiveMaximum':
      return { path, message: `must be less than ${p.limit}${got}` };
    case 'minLength':
      return {
        path,
        message:
          p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters long`,
      };
    case 'maxLength':
      return {
        path,
        message: `must be at most ${p.limit} characters long (got ${String(error.data).length})`,
      };
    case 'minItems':
      return {
        path,
        message:
          p.limit === 1 ? 'must list at least one entry' : `must list at least ${p.limit} entries`,
      };
    case 'maxItems':
      return {
        path,
        message: `must list at most ${p.limit} entries (got ${(error.data as unknown[]).length})`,
      };
    case 'uniqueItems': {
      const items = error.data as unknown[];
      const [first, second] = [Number(p.i), Number(p.j)].sort((a, b) => a - b) as [number, number];
      return {
        path,
        message: `lists ${showValue(items[first])} twice (entries ${first} and ${second})`,
      };
    }
    case 'discriminator': {
      const tagPath = `${path}/${pointerSegment(String(p.tag))}`;
      if (p.tagValue === undefined) return { path: tagPath, message: 'is required' };
      return {
        path: tagPath,
        message: `must be one of ${listWords(CAPABILITIES.map((c) => showValue(c)))} (got ${showValue(p.tagValue)})`,
      };
    }
    case 'false schema':
      return { path, message: 'is not allowed here' };
    default:
      return { path, message: error.message ?? `fails the "${error.keyword}" rule` };
  }
}

/**
 * Turns ajv's errors into issues with JSON-pointer paths and plain messages, without
 * repeats. The permission union reports only the branch its `capability` names, since ajv
 * validates it with the `discriminator` keyword.
 */
export function issuesFromAjv(errors: readonly ErrorObject[] | null | undefined): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  // Where an anyOf/oneOf failed, every branch reports its own complaint about the same
  // value; the first branch's is the one people expect ("must be one of ..."), so only
  // the first issue at such a path is kept.
  const alternatives = new Set(
    (errors ?? [])
      .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
      .map((e) => e.instancePath),
  );
  const reported = new Set<string>();
  // A value of the wrong type fails its other rules too; the type is the one to report.
  const mistyped = new Set(
    (errors ?? [])
      .filter((e) => e.keyword === 'type' && !alternatives.has(e.instancePath))
      .map((e) => e.instancePath),
  );
  for (const error of errors ?? []) {
    if (mistyped.has(error.instancePath) && error.keyword !== 'type') continue;
    if (alternatives.has(error.instancePath)) {
      if (reported.has(error.instancePath)) continue;
      reported.add(error.instancePath);
    }
    const issue = issueOf(error);
    if (!issue) continue;
    const key = `${issue.path}\n${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}
