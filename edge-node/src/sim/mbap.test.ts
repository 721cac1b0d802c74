import { describe, expect, it } from 'vitest';
import { MbapReader, mbapFrame } from './mbap.ts';

const bytes = (list: number[]) => Buffer.from(list);

describe('MBAP framing', () => {
  it('yields a frame only once all of its bytes arrived, however the stream is cut', () => {
    const frame = [0x12, 0x34, 0, 0, 0, 6, 1, 3, 0, 10, 0, 2];
    for (let cut = 1; cut < frame.length; cut++) {
      const reader = new MbapReader();
      expect(reader.push(bytes(frame.slice(0, cut)))).toEqual([]);
      const frames = reader.push(bytes(frame.slice(cut)));
      expect(frames).toEqual([{ transaction: 0x1234, unit: 1, pdu: bytes([3, 0, 10, 0, 2]) }]);
    }
  });

  it('yields every frame of a chunk that holds several, and keeps the tail', () => {
    const reader = new MbapReader();
    const one = [0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 1];
    const two = [0, 2, 0, 0, 0, 6, 1, 4, 0, 0, 0, 1];
    const frames = reader.push(bytes([...one, ...two, 0, 3, 0]));
    expect(Array.isArray(frames) && frames.map((f) => f.transaction)).toEqual([1, 2]);
    expect(reader.push(bytes([0, 0, 2, 9, 0x11]))).toEqual([
      { transaction: 3, unit: 9, pdu: bytes([0x11]) },
    ]);
  });

  it('reports a header that is not Modbus: protocol id not 0, or a length out of range', () => {
    expect(new MbapReader().push(bytes([0, 1, 0, 1, 0, 6, 1, 3]))).toMatch(/protocol id 1/);
    expect(new MbapReader().push(bytes([0, 1, 0, 0, 1, 0, 1, 3]))).toMatch(/length 256/);
    expect(new MbapReader().push(bytes([0, 1, 0, 0, 0, 1, 1]))).toMatch(/length 1 /);
  });

  it('wraps a reply PDU with the transaction and unit of its request', () => {
    expect([...mbapFrame(0xbeef, 7, bytes([3, 2, 0, 42]))]).toEqual([
      0xbe, 0xef, 0, 0, 0, 5, 7, 3, 2, 0, 42,
    ]);
  });
});
