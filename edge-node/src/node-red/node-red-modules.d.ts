/** @module The little of Node-RED's embedding API the edge uses (the package ships no types). */
declare module 'node-red' {
  import type { RequestListener, Server } from 'node:http';

  interface NodeRed {
    init(server: Server, settings: Record<string, unknown>): void;
    start(): Promise<void>;
    stop(): Promise<void>;
    readonly httpAdmin: RequestListener;
    readonly httpNode: RequestListener;
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
