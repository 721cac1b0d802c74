/**
 * @module The `heng telemetry out` node: stores the readings of each message at the site, and
 * tells Node-RED the message is done only once they are written (so a flow's `complete` node
 * means stored, not merely received).
 */
import { configNodeOf } from './config-node.ts';
import type { NodeRedRuntime } from './node-red-api.ts';
import { readingsOf } from './readings.ts';
import type { SiteNode } from './site-node.ts';

export function registerTelemetryOut(RED: NodeRedRuntime): void {
  RED.nodes.registerType('heng telemetry out', function (config) {
    RED.nodes.createNode(this, config);
    const site = configNodeOf<SiteNode>(RED, this, config, 'site');
    let stored = 0;
    if (!site) return;
    this.status({});
    this.on('input', (msg, _send, done) => {
      let batch: ReturnType<typeof readingsOf>;
      try {
        batch = readingsOf(msg, String(config['device'] ?? ''), new Date());
      } catch (error) {
        this.status({ fill: 'red', shape: 'dot', text: (error as Error).message.slice(0, 60) });
        done(error as Error);
        return;
      }
      // One acknowledgement for the message's readings, not one per reading.
      site.services.telemetry.appendMany(batch.device, batch.readings).then(
        () => {
          stored += batch.readings.length;
          this.status({ fill: 'green', shape: 'dot', text: `${stored}` });
          done();
        },
        (error: Error) => {
          this.status({ fill: 'red', shape: 'ring', text: error.message.slice(0, 60) });
          done(error);
        },
      );
    });
  });
}
