/**
 * @module The hub's HTTP API as the shell calls it: same-origin fetch with the session cookie
 * (the shell never holds a token), JSON in and out, failures as {@link ApiError}.
 */
import { ApiError, type ApiIssue } from './errors.ts';

/** The fetch the client uses; tests pass a fake. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Query values; undefined and empty ones are left out. */
export type Query = Readonly<Record<string, string | number | undefined>>;

/** Called on every 401, so the app can go back to the sign-in page with a message. */
export type SignedOutListener = (err: ApiError) => void;

/**
 * A thin client of the hub's API.
 *
 * @example
 * const api = new ApiClient();
 * const { sites } = await api.get<{ sites: Site[] }>('/api/sites');
 */
export class ApiClient {
  readonly #fetch: FetchLike;
  readonly #signedOut = new Set<SignedOutListener>();

  constructor(fetchImpl: FetchLike = (input, init) => fetch(input, init)) {
    this.#fetch = fetchImpl;
  }

  /** Subscribes to "the session is gone" (any 401 but the sign-in call's own). */
  onSignedOut(listener: SignedOutListener): () => void {
    this.#signedOut.add(listener);
    return () => this.#signedOut.delete(listener);
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  /** One call; resolves to the parsed JSON body (undefined for 204), rejects with ApiError. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    };
    if (body !== undefined) {
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await this.#fetch(path, init);
    } catch (err) {
      throw new ApiError('unreachable', (err as Error).message, 0);
    }
    if (response.ok) {
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    }
    const err = await errorOf(response);
    if (err.status === 401 && path !== '/api/auth/login')
      for (const listener of this.#signedOut) listener(err);
    throw err;
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    parsed = undefined;
  }
  const error = (parsed as { error?: Record<string, unknown> } | undefined)?.error;
  if (error && typeof error['code'] === 'string') {
    const { code, message, issues, ...rest } = error;
    return new ApiError(
      code,
      typeof message === 'string' ? message : '',
      response.status,
      Array.isArray(issues) ? (issues as ApiIssue[]) : [],
      rest,
    );
  }
  // A proxy or a hub that is starting answers without our error shape.
  const code = response.status >= 502 && response.status <= 504 ? 'unreachable' : 'internal';
  return new ApiError(code, `${response.status} ${response.statusText}`.trim(), response.status);
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
