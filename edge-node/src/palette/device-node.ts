/**
 * @module The `heng-device` config node: one Modbus device (host, port, unit, profile). Its
 * `DeviceClient` shares the line of its host:port with every other device there, the devices
 * file's included (`devices/device-lines.ts`), and lets go of it when the flow stops.
 */

import { acquireLine, type LineLease } from '../devices/device-lines.ts';
import { DeviceClient } from '../modbus/device.ts';
import { loadProfile, profilePath } from '../profiles/index.ts';
import type { NodeInstance, NodeRedRuntime } from './node-red-api.ts';
import type { SiteServices } from './site-services.ts';

export interface DeviceNode extends NodeInstance {
  /** The client (its `device` is the node's name, else the profile id), once the profile is loaded; rejects with the profile's problem. */
  client: Promise<DeviceClient>;
}

/** What a `heng-device` node is configured with, as the editor saves it. */
export interface DeviceConfig {
  name?: unknown;
  host?: unknown;
  port?: unknown;
  unit?: unknown;
  profile?: unknown;
}

/** Opens the device a config describes; the lease is taken only once the profile loaded. */
export async function openDeviceClient(
  config: DeviceConfig,
  baseDir: string,
): Promise<{ client: DeviceClient; lease: LineLease }> {
  const profile = await loadProfile(profilePath(String(config.profile ?? ''), baseDir));
  const host = String(config.host || '127.0.0.1');
  const port = Number(config.port || 502);
  const unit = config.unit === undefined || config.unit === '' ? undefined : Number(config.unit);
  const name = String(config.name ?? '').trim();
  const lease = acquireLine(host, port);
  try {
    const client = new DeviceClient({
      profile,
      line: lease.line,
      ...(unit === undefined ? {} : { unit }),
      ...(name ? { device: name } : {}),
    });
    return { client, lease };
  } catch (err) {
    await lease.release();
    throw err;
  }
}

export function registerDevice(RED: NodeRedRuntime): void {
  RED.nodes.registerType('heng-device', function (config) {
    RED.nodes.createNode(this, config);
    const node = this as DeviceNode;
    const baseDir = String(RED.settings['userDir'] ?? process.cwd());
    const opened = openDeviceClient(config, baseDir);
    // Users see the failure on their read/write nodes; this keeps it from being unhandled.
    opened.catch((err: Error) => node.error(err.message));
    node.client = opened.then((o) => o.client);
    node.client.catch(() => {}); // handled where it is awaited, by each read/write message
    // Inside `heng-edge start`, commands from the hub and plugins reach this device too.
    const registry = (RED.settings['hengEdge'] as SiteServices | undefined)?.devices;
    const listed = registry
      ? opened
          .then((o) => registry.add(o.client))
          .catch((err: Error) => {
            node.error(err.message);
            return () => {};
          })
      : Promise.resolve(() => {});
    node.on('close', (_removed, done) => {
      listed
        .then((remove) => remove())
        .then(() => opened)
        .then((o) => o.lease.release())
        .then(done, () => done());
    });
  });
}
