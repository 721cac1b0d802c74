/**
 * @module Test fixture: a generated `validate_doc_update` run as CouchDB runs it, in a context of
 * its own (node:vm) with nothing of the hub in reach, called as `validate(newDoc, oldDoc,
 * userCtx, secObj)`; a thrown `{forbidden}` is a refusal, anything else thrown is a bug.
 */
import vm from 'node:vm';

export interface CouchUserCtx {
  db?: string;
  name: string | null;
  roles: string[];
}

/** What CouchDB would answer: undefined when the write is accepted, else the `forbidden` reason. */
export type Validate = (
  newDoc: Record<string, unknown>,
  oldDoc: Record<string, unknown> | null,
  userCtx: CouchUserCtx,
) => string | undefined;

/** Compiles the function's source in a fresh context, as the query server does. */
export function compileValidation(source: string): Validate {
  const context = vm.createContext({});
  const fn = vm.runInContext(`(${source})`, context) as (...args: unknown[]) => void;
  // Documents reach the function as JSON parsed in its own realm, as from CouchDB's query server.
  const inside = (value: unknown) =>
    vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(value))})`, context) as unknown;
  return (newDoc, oldDoc, userCtx) => {
    try {
      fn(inside(newDoc), inside(oldDoc), inside(userCtx), inside({ members: {}, admins: {} }));
      return undefined;
    } catch (thrown) {
      const reason = (thrown as { forbidden?: unknown } | null)?.forbidden;
      if (typeof reason !== 'string') throw thrown;
      return reason;
    }
  };
}
