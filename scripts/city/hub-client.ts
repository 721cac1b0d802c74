/**
 * @module The demo city's client of the hub's API: signs in as the administrator and calls
 * routes, turning an error reply into an exception that quotes the hub's message.
 */
export class HubClient {
  readonly url: string;
  #token = '';

  constructor(url: string) {
    this.url = url;
  }

  async login(user: string, password: string): Promise<void> {
    const { token } = await this.call<{ token: string }>(
      'POST',
      '/api/auth/login',
      { user, password },
      { anonymous: true },
    );
    this.#token = token;
  }

  /** Calls a route; a JSON body, or raw bytes with their media type. */
  async call<T>(
    method: string,
    route: string,
    body?: unknown,
    options: { anonymous?: boolean; bytes?: Uint8Array; type?: string; accept?: number[] } = {},
  ): Promise<T> {
    const headers = new Headers();
    if (!options.anonymous) headers.set('authorization', `Bearer ${this.#token}`);
    let payload: BodyInit | undefined;
    if (options.bytes) {
      headers.set('content-type', options.type ?? 'application/octet-stream');
      payload = options.bytes as unknown as BodyInit;
    } else if (body !== undefined) {
      headers.set('content-type', 'application/json');
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.url}${route}`, {
      method,
      headers,
      ...(payload ? { body: payload } : {}),
    });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok && !options.accept?.includes(res.status)) {
      const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw Object.assign(
        new Error(`${method} ${route}: ${res.status} ${error?.message ?? text}`),
        {
          status: res.status,
          code: error?.code,
        },
      );
    }
    return json as T;
  }
}
