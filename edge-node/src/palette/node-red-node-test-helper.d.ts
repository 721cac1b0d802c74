/** @module The part of node-red-node-test-helper the palette tests use (it ships no types). */
declare module 'node-red-node-test-helper' {
  interface Helper {
    init(nodeRedPath: string, settings?: object): void;
    startServer(done: () => void): void;
    stopServer(done: () => void): void;
    load(nodes: unknown, flow: object[], credentials?: object): Promise<void>;
    unload(): Promise<void>;
    getNode(id: string): unknown;
  }
  const helper: Helper;
  export default helper;
}
