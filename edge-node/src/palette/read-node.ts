/**
 * @module The `heng read` node: on each message, reads every point of its device once and sends
 * the readings on as `msg.payload` (the shape telemetry out stores), `msg.device` naming the
 * device. A device that answers nothing fails the message; the flow goes on.
 */

import { configNodeOf } from './config-node.ts';
import type { DeviceNode } from './device-node.ts';
import type { NodeRedRuntime } from './node-red-api.ts';
import { deviceRead } from './read-device.ts';

export function registerRead(RED: NodeRedRuntime): void {
  RED.nodes.registerType('heng read', function (config) {
    RED.nodes.createNode(this, config);
    const device = configNodeOf<DeviceNode>(RED, this, config, 'device');
    if (!device) {
      this.on('input', (_msg, _send, done) => done(new Error('heng read: no device configured')));
      return;
    }
    this.status({});
    this.on('input', (msg, send, done) => {
      device.client
        .then(async (client) => {
          const read = deviceRead(client.device, await client.readAll());
          msg.payload = read.payload;
          msg.device = client.device;
          if (read.errors.length > 0) msg.errors = read.errors;
          else delete msg.errors;
          const failed = read.errors.length;
          this.status({
            fill: failed > 0 ? 'yellow' : 'green',
            shape: 'dot',
            text:
              failed > 0 ? `${read.payload.length}, ${failed} failed` : `${read.payload.length}`,
          });
          send(msg);
          done();
        })
        .catch((error: Error) => {
          this.status({ fill: 'red', shape: 'dot', text: error.message.slice(0, 60) });
          done(error);
        });
    });
  });
}
