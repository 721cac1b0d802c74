/**
 * @module The `heng-site` config node: which site this Node-RED serves, and (in a stock
 * Node-RED) where its store lives. Nodes that store or publish point at one.
 */
import type { NodeInstance, NodeRedRuntime } from './node-red-api.ts';
import { releaseSiteServices, type SiteServices, siteServices } from './site-services.ts';

export interface SiteNode extends NodeInstance {
  services: SiteServices;
}

export function registerSite(RED: NodeRedRuntime): void {
  RED.nodes.registerType('heng-site', function (config) {
    RED.nodes.createNode(this, config);
    const node = this as SiteNode;
    const dataDir = String(config['dataDir'] || '.heng-edge');
    node.services = siteServices(RED, String(config['site'] || 'site'), dataDir);
    node.on('close', (_removed, done) => {
      releaseSiteServices(RED, node.services, dataDir).then(done, done);
    });
  });
}
