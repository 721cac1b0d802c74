/**
 * @module Stand-ins for the hub in component tests: a fetch that answers from a route table and
 * records calls, and an EventSource the test drives by hand.
 */
import { ApiClient } from '../src/api/index.ts';
import { LiveFeed } from '../src/live/index.ts';
import { HashRouter } from '../src/router/index.ts';
import type { Me, ShellContext } from '../src/session/index.ts';

/** One recorded call. */
export interface Call {
  method: string;
  url: string;
  body: unknown;
}

/** Answers `METHOD /path` (query ignored unless the key has one); unknown routes are 404. */
export type Routes = Record<string, (call: Call) => { status?: number; body?: unknown }>;

/** A fetch over `routes`, with the calls it saw. */
export function fakeFetch(routes: Routes) {
  const calls: Call[] = [];
  const fetchImpl = async (input: string, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call = { method, url: input, body };
    calls.push(call);
    const handler = routes[`${method} ${input}`] ?? routes[`${method} ${input.split('?')[0]}`];
    if (!handler)
      return Response.json(
        { error: { code: 'not_found', message: `${method} ${input}` } },
        { status: 404 },
      );
    const { status = 200, body: out } = handler(call);
    return status === 204 ? new Response(null, { status }) : Response.json(out, { status });
  };
  return { fetch: fetchImpl, calls };
}

/** An EventSource whose opening, messages and failures the test triggers. */
export class FakeEventSource extends EventTarget {
  readyState: number = 0;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  readonly url: string;

  constructor(url: string) {
    super();
    this.url = url;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  emit(kind: string, data: unknown): void {
    this.dispatchEvent(new MessageEvent(kind, { data: JSON.stringify(data) }));
  }

  /** The connection broke; `closed` when the browser gives up (hub refused or down). */
  fail(closed = false): void {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event('error'));
  }

  close(): void {
    this.readyState = 2;
  }
}

/** A shell context over fakes; `sources` lists every EventSource the feed opened. */
export function fakeContext(routes: Routes) {
  const { fetch, calls } = fakeFetch(routes);
  const sources: FakeEventSource[] = [];
  const live = new LiveFeed('/api/live', (url) => {
    const source = new FakeEventSource(url);
    sources.push(source);
    return source as unknown as EventSource;
  });
  const ctx: ShellContext = { api: new ApiClient(fetch), live, router: new HashRouter(), me: null };
  return { ctx, calls, sources };
}

/** The signed-in administrator as `/api/me` describes them. */
export const ADMIN: Me = {
  principal: { kind: 'user', id: 'admin', roles: ['administrator'], clearance: 'secret' },
  abilities: [
    'sites:read',
    'events:read',
    'telemetry:read',
    'commands:write',
    'audit:read',
    'parties:read',
    'parties:write',
  ],
};

/** A site row as `/api/sites` lists it. */
export function siteRow(
  id: string,
  sync: Partial<{
    online: boolean;
    lastSeen: string | null;
    push: number | null;
    pull: number | null;
  }> = {},
) {
  return {
    id,
    name: `Site ${id}`,
    sync: {
      online: sync.online ?? true,
      lastSeen: sync.lastSeen === undefined ? new Date().toISOString() : sync.lastSeen,
      pending: { push: sync.push ?? 0, pull: sync.pull ?? 0 },
      lagMs: 1000,
      reportedAt: new Date().toISOString(),
    },
  };
}

/** Every element matching `selector` inside `root`, looking through open shadow roots. */
export function deepQueryAll<E extends Element = HTMLElement>(
  root: Element | Document | ShadowRoot,
  selector: string,
): E[] {
  const out: E[] = [...root.querySelectorAll<E>(selector)];
  if (root instanceof Element && root.shadowRoot)
    out.push(...deepQueryAll<E>(root.shadowRoot, selector));
  for (const el of root.querySelectorAll('*'))
    if (el.shadowRoot) out.push(...deepQueryAll<E>(el.shadowRoot, selector));
  return out;
}

/** The first match of `selector`, through shadow roots. */
export function deepQuery<E extends Element = HTMLElement>(
  root: Element | Document | ShadowRoot,
  selector: string,
): E | undefined {
  return deepQueryAll<E>(root, selector)[0];
}

/** All visible text under `root`, through shadow roots. */
export function deepText(root: Element | ShadowRoot): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return text.replace(/\s+/g, ' ');
}
