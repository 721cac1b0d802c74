/**
 * @module The plain-JSON request and response a plugin's HTTP handler sees: nothing of the
 * web Request (no streams, no cookies) crosses into the sandbox.
 */
import type { HttpRoute } from '../capabilities/grant-types.ts';

/** An HTTP request as a plugin receives it. */
export interface PluginRequest {
  method: string;
  /** Below the plugin's prefix, starting with `/`, still percent-encoded. */
  path: string;
  /** The granted route it matched, e.g. `/lamps/:id`. */
  route: string;
  /** Decoded `:name` segments of the route. */
  params: Record<string, string>;
  /** The first value of each query parameter. */
  query: Record<string, string>;
  /** Only `content-type`, `accept` and `accept-language`. */
  headers: Record<string, string>;
  /** The body as text ('' when there is none). */
  body: string;
}

/** What a plugin's HTTP handler answers. */
export interface PluginResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** An installed plugin, as far as serving its routes goes. */
export interface PluginRouteTarget {
  /** The `http:route` routes of its grant (`grant.routes`). */
  routes: readonly HttpRoute[];
  handle(request: PluginRequest): Promise<PluginResponse>;
}

export interface PluginRouteLimits {
  /** Largest request body; beyond it, 413. Default 64 KiB. */
  requestBodyBytes: number;
  /** Largest response body; beyond it, 502. Default 1 MiB. */
  responseBodyBytes: number;
}

export interface PluginRoutesOptions {
  /** The plugin serving `pluginId`, or undefined when none is installed and active. */
  resolve(pluginId: string): PluginRouteTarget | undefined;
  limits?: Partial<PluginRouteLimits>;
}
