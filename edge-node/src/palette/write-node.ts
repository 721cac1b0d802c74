/**
 * @module The `heng write` node: writes one point of its device per message, through the
 * profile's checks (access, type, limits) and a read-back, and sends the result on. A refused
 * write fails the message with the limit it broke; nothing reaches the wire.
 */

import { configNodeOf } from './config-node.ts';
import type { DeviceNode } from './device-node.ts';
import type { NodeRedRuntime } from './node-red-api.ts';
import { writeRequestOf } from './write-request.ts';

export function registerWrite(RED: NodeRedRuntime): void {
  RED.nodes.registerType('heng write', function (config) {
    RED.nodes.createNode(this, config);
    const device = configNodeOf<DeviceNode>(RED, this, config, 'device');
    if (!device) {
      this.on('input', (_msg, _send, done) => done(new Error('heng write: no device configured')));
      return;
    }
    this.status({});
    this.on('input', (msg, send, done) => {
      device.client
        .then(async (client) => {
          const request = writeRequestOf(msg, config, client.device);
          const result = await client.write(request.point, request.value, {
            reason: request.reason,
          });
          msg.payload = result;
          msg.device = client.device;
          msg.point = request.point;
          this.status({ fill: 'green', shape: 'dot', text: `${request.point} = ${request.value}` });
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
