/** @module The little of Node-RED's embedding API the edge uses (the package ships no types). */
declare module 'node-red' {
  import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

  /** An Express request as Node-RED's admin app hands it over: query parsed, user signed in. */
  export interface AdminRequest extends IncomingMessage {
    query: Record<string, string | string[] | undefined>;
    user?: { username?: string };
  }
  type AdminHandler = (
    req: AdminRequest,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) => void;

  interface AdminApp extends RequestListener {
    get(path: string, ...handlers: AdminHandler[]): AdminApp;
  }

  interface NodeRed {
    init(server: Server, settings: Record<string, unknown>): void;
    start(): Promise<void>;
    stop(): Promise<void>;
    readonly httpAdmin: AdminApp;
    readonly httpNode: RequestListener;
    /** Admin auth: a middleware that answers 401/403 unless the user holds the permission. */
    readonly auth: { needsPermission(permission: string): AdminHandler };
  }
  const RED: NodeRed;
  export default RED;
}

declare module 'express' {
  import type { RequestListener } from 'node:http';

  interface Application extends RequestListener {
    use(path: string, handler: RequestListener): Application;
  }
  function express(): Application;
  export default express;
}
