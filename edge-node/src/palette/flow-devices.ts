/**
 * @module The devices the site's flows configure (`heng-device` config nodes), by name, so that
 * a command from the hub or a plugin reaches a device a technician set up in the editor as it
 * reaches one from the devices file: through the same profile checks, write and read-back.
 */
import type { Command } from '@heng/schemas';
import { HengError, NotFoundError } from '@heng/schemas';
import type { PointWriter } from '../commands/index.ts';
import type { DeviceClient } from '../modbus/device.ts';

export class FlowDevices implements PointWriter {
  readonly #byName = new Map<string, DeviceClient>();

  /**
   * Adds a deployed device; returns what removes it again when its node closes. A second device
   * under a name already taken is refused: commands must not reach the wrong one.
   */
  add(client: DeviceClient): () => void {
    const name = client.device;
    if (this.#byName.has(name))
      throw new HengError(
        'conflict',
        `two heng-device nodes are named "${name}": commands would be ambiguous; rename one`,
      );
    this.#byName.set(name, client);
    return () => {
      if (this.#byName.get(name) === client) this.#byName.delete(name);
    };
  }

  has(device: string): boolean {
    return this.#byName.has(device);
  }

  async write(
    device: string,
    point: string,
    value: Command['value'],
    reason: string,
  ): Promise<{ readBack: unknown }> {
    const client = this.#byName.get(device);
    if (!client) throw new NotFoundError(`no device "${device}" is configured at this site`);
    const { readBack } = await client.write(point, value, { reason });
    return { readBack };
  }
}

/** Commands go to the devices file's devices first, then to the flows' devices. */
export function writerOf(
  ...writers: Array<(PointWriter & { has(device: string): boolean }) | undefined>
): PointWriter {
  return {
    async write(device, point, value, reason) {
      const writer = writers.find((w) => w?.has(device));
      if (!writer) throw new NotFoundError(`no device "${device}" is configured at this site`);
      return writer.write(device, point, value, reason);
    },
  };
}
