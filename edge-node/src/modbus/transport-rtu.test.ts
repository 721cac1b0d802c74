import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type PymodbusPeer,
  pymodbusSerialAvailable,
  startPymodbus,
} from '../../test-peers/pymodbus-peer.ts';
import { openPtyPair, socatAvailable } from '../../test-peers/socat-pair.ts';
import { ModbusTimeoutError } from './errors.ts';
import { transportContract } from './transport-contract.fixture.ts';
import { RtuTransport } from './transport-rtu.ts';

// pymodbus's serial server needs python3-serial-asyncio, which python3-pymodbus only recommends.
const ready = socatAvailable() && pymodbusSerialAvailable();
const BAUD = 38400;

describe.skipIf(!ready)('RTU over a socat pseudo-terminal pair, pymodbus serial server', () => {
  transportContract(
    'RTU',
    async () => {
      const pty = await openPtyPair();
      const peer = await startPymodbus({ units: [1], serial: pty.device, baud: BAUD });
      return {
        transport: new RtuTransport({ path: pty.master, baudRate: BAUD }),
        dispose: async () => {
          await peer.dispose();
          await pty.dispose();
        },
      };
    },
    () => new RtuTransport({ path: '/dev/heng-no-such-port' }),
  );

  describe('after a timeout', () => {
    let cleanup: () => Promise<void>;
    let t: RtuTransport;
    let peer: PymodbusPeer;

    beforeEach(async () => {
      const pty = await openPtyPair();
      peer = await startPymodbus({ units: [1], serial: pty.device, baud: BAUD });
      // Generous, so that the thawed device surely answers within it on a busy machine.
      t = new RtuTransport({ path: pty.master, baudRate: BAUD, quietMs: 300 });
      await t.connect();
      cleanup = async () => {
        await t.close();
        await peer.dispose();
        await pty.dispose();
      };
    });

    afterEach(async () => {
      await cleanup();
    });

    it('never takes the late reply to a timed-out request for the next one', async () => {
      peer.freeze();
      const late = await t.read(1, 'holding-register', 0, 10, 100).catch((e: unknown) => e);
      expect(late).toBeInstanceOf(ModbusTimeoutError);
      // The device now answers the request that timed out, while the next one is being sent.
      peer.thaw();
      // Same function, unit and length as the late reply: only the data tells them apart.
      expect(await t.read(1, 'holding-register', 1, 10, 1000)).toEqual({
        words: Array.from({ length: 10 }, (_, i) => (i + 1) * 7 + 1),
      });
    });
  });
});
