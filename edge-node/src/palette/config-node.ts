/**
 * @module Finding the config node (`heng-site`, `heng-device`) a node points at; when it points at
 * none, the node shows so with a red ring, as Node-RED's own nodes do.
 */
import type { NodeInstance, NodeRedRuntime } from './node-red-api.ts';

export function configNodeOf<T>(
  RED: NodeRedRuntime,
  node: NodeInstance,
  config: Record<string, unknown>,
  key: 'site' | 'device',
): T | undefined {
  const found = RED.nodes.getNode(String(config[key] ?? '')) as T | undefined;
  if (!found) node.status({ fill: 'red', shape: 'ring', text: `heng.status.no-${key}` });
  return found;
}
