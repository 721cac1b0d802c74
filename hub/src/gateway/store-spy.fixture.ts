/**
 * @module Test fixture: a pass-through in front of the embedded store that records every request
 * it forwards, so a test can show that a refused request never reached the store.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoreSpy extends AsyncDisposable {
  /** Where to send store requests instead of the store. */
  url: string;
  /** `METHOD /path?query` of every request that reached the store, oldest first. */
  readonly seen: string[];
  close(): Promise<void>;
}

export async function spyOnStore(storeUrl: string): Promise<StoreSpy> {
  const store = new URL(storeUrl);
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const forward = httpRequest(
      {
        host: store.hostname,
        port: store.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    res.on('close', () => forward.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${port}`, seen, close, [Symbol.asyncDispose]: close };
}
