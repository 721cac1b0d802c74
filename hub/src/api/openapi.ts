/**
 * @module The OpenAPI 3.1 document of the hub's API, served at `/api/openapi.json`. Bodies refer
 * to Heng's JSON Schemas (2020-12, which OpenAPI 3.1 takes as they are); a test checks that every
 * route the app serves is described here and nothing else is.
 */
import { schemas } from '@heng/schemas';
import type { Ability } from '../auth/types.ts';

/** One operation of the API. `path` uses Hono's `:param` syntax. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  /** What the caller needs; absent for public routes. */
  ability?: Ability | 'signed-in';
  /** A Heng schema name, or an inline JSON Schema, for a JSON body. */
  body?: string | Record<string, unknown>;
  /** A binary body of this media type instead of JSON. */
  binary?: string;
  /** Success status and what it returns, in words. */
  ok: [status: number, description: string];
  /** Query parameters, with their descriptions. */
  query?: Record<string, string>;
}

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          description: 'Stable error code, e.g. invalid_input, permission_denied.',
        },
        message: { type: 'string', description: 'What is wrong and where.' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              path: { type: 'string' },
              message: { type: 'string' },
              fix: { type: 'string' },
            },
          },
        },
      },
    },
  },
};

function schemaRef(body: string | Record<string, unknown>): Record<string, unknown> {
  return typeof body === 'string' ? { $ref: `#/components/schemas/${body}` } : body;
}

function operationObject(op: Operation): Record<string, unknown> {
  const params = [...op.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = Object.entries(op.query ?? {}).map(([name, description]) => ({
    name,
    in: 'query',
    required: false,
    description,
    schema: { type: 'string' },
  }));
  const out: Record<string, unknown> = {
    summary: op.summary,
    operationId: `${op.method}${op.path.replace(/[/:{}-](\w)?/g, (_, c?: string) => (c ?? '').toUpperCase())}`,
    responses: {
      [String(op.ok[0])]: { description: op.ok[1] },
      default: {
        description: 'An error, with the status its code maps to',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  };
  if (params.length + query.length > 0) out['parameters'] = [...params, ...query];
  if (op.ability) {
    out['security'] = [{ bearer: [] }, { session: [] }];
    out['x-heng-ability'] = op.ability;
  } else out['security'] = [];
  if (op.body)
    out['requestBody'] = {
      required: true,
      content: { 'application/json': { schema: schemaRef(op.body) } },
    };
  if (op.binary)
    out['requestBody'] = {
      required: true,
      content: { [op.binary]: { schema: { type: 'string', contentEncoding: 'binary' } } },
    };
  return out;
}

/** Builds the document from the operations the hub serves. */
export function openApiDocument(
  operations: readonly Operation[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[op.method] = operationObject(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Heng hub API',
      version,
      description:
        "Sites, sync state, the app catalog and installs, commands and events, parties and the audit log. Every route but the public ones takes a bearer token (`Authorization: Bearer …`) or the shell's session cookie. Errors are `{ error: { code, message, issues? } }`.",
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: { ...schemas, Error: ERROR },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'heng_session' },
      },
    },
  };
}
