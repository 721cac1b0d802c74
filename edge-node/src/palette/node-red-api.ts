/**
 * @module The part of Node-RED's node API (nodered.org/docs/creating-nodes) the palette uses,
 * typed here since Node-RED ships no types.
 */

export interface NodeMessage {
  payload?: unknown;
  topic?: string;
  [key: string]: unknown;
}

export interface NodeStatus {
  fill?: 'red' | 'green' | 'yellow' | 'blue' | 'grey';
  shape?: 'ring' | 'dot';
  text?: string;
}

export interface NodeInstance {
  id: string;
  on(
    event: 'input',
    handler: (
      msg: NodeMessage,
      send: (msg: NodeMessage | NodeMessage[]) => void,
      done: (error?: Error) => void,
    ) => void,
  ): void;
  on(event: 'close', handler: (removed: boolean, done: () => void) => void): void;
  send(msg: NodeMessage | NodeMessage[]): void;
  status(status: NodeStatus): void;
  error(error: unknown, msg?: NodeMessage): void;
  warn(message: unknown): void;
  log(message: unknown): void;
}

export interface NodeRedRuntime {
  nodes: {
    createNode(node: object, config: object): void;
    registerType(
      type: string,
      create: (this: NodeInstance, config: Record<string, unknown>) => void,
      options?: object,
    ): void;
    getNode(id: string): unknown;
  };
  settings: Record<string, unknown>;
  _(key: string, substitutions?: Record<string, unknown>): string;
}
