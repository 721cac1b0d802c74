import type { ByteOrder, DevicePoint } from '@heng/schemas';
import { describe, expect, it } from 'vitest';
import { CodecError, decodePoint, encodePoint } from './codec.ts';

function point(over: Partial<DevicePoint>): DevicePoint {
  return {
    name: 'p',
    kind: 'holding-register',
    address: 10,
    type: 'uint16',
    access: 'readwrite',
    dataClass: 'internal',
    ...over,
  };
}

const ORDERS: Record<string, { wordOrder: ByteOrder; byteOrder: ByteOrder }> = {
  ABCD: { wordOrder: 'big', byteOrder: 'big' },
  CDAB: { wordOrder: 'little', byteOrder: 'big' },
  BADC: { wordOrder: 'big', byteOrder: 'little' },
  DCBA: { wordOrder: 'little', byteOrder: 'little' },
};

// Known vectors: the IEEE-754 / two's-complement bytes of each value, laid out as each order does.
const VECTORS: Array<[DevicePoint['type'], number, Record<string, number[]>]> = [
  [
    'float32',
    123.456, // 0x42F6E979
    {
      ABCD: [0x42f6, 0xe979],
      CDAB: [0xe979, 0x42f6],
      BADC: [0xf642, 0x79e9],
      DCBA: [0x79e9, 0xf642],
    },
  ],
  [
    'uint32',
    0x12345678,
    {
      ABCD: [0x1234, 0x5678],
      CDAB: [0x5678, 0x1234],
      BADC: [0x3412, 0x7856],
      DCBA: [0x7856, 0x3412],
    },
  ],
  [
    'int32',
    -2, // 0xFFFFFFFE
    {
      ABCD: [0xffff, 0xfffe],
      CDAB: [0xfffe, 0xffff],
      BADC: [0xffff, 0xfeff],
      DCBA: [0xfeff, 0xffff],
    },
  ],
  [
    'float64',
    Math.PI, // 0x400921FB54442D18
    {
      ABCD: [0x4009, 0x21fb, 0x5444, 0x2d18],
      CDAB: [0x2d18, 0x5444, 0x21fb, 0x4009],
      BADC: [0x0940, 0xfb21, 0x4454, 0x182d],
      DCBA: [0x182d, 0x4454, 0xfb21, 0x0940],
    },
  ],
  ['int16', -1, { ABCD: [0xffff], CDAB: [0xffff], BADC: [0xffff], DCBA: [0xffff] }],
  ['int16', 258, { ABCD: [0x0102], CDAB: [0x0102], BADC: [0x0201], DCBA: [0x0201] }],
  ['uint16', 0xabcd, { ABCD: [0xabcd], CDAB: [0xabcd], BADC: [0xcdab], DCBA: [0xcdab] }],
];

describe('known vectors in every word and byte order', () => {
  for (const [type, value, byOrder] of VECTORS) {
    for (const [name, words] of Object.entries(byOrder)) {
      const p = point({ type, ...ORDERS[name] });
      it(`decodes ${type} ${value} from ${name} registers`, () => {
        expect(decodePoint(p, words)).toBe(value);
      });
      it(`encodes ${type} ${value} into ${name} registers`, () => {
        expect(encodePoint(p, value)).toEqual(words);
      });
    }
  }

  it('takes the order from the profile defaults when the point has none', () => {
    const p = point({ type: 'float32' });
    expect(decodePoint(p, [0xe979, 0x42f6], { wordOrder: 'little' })).toBe(123.456);
    expect(encodePoint(p, 123.456, { wordOrder: 'little', byteOrder: 'little' })).toEqual([
      0x79e9, 0xf642,
    ]);
  });

  it("lets the point's own order override the profile defaults", () => {
    const p = point({ type: 'float32', wordOrder: 'big' });
    expect(decodePoint(p, [0x42f6, 0xe979], { wordOrder: 'little' })).toBe(123.456);
  });
});

describe('round trips', () => {
  // A fixed pseudo-random sequence, so failures reproduce.
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const samples: Record<string, () => number> = {
    int16: () => Math.floor(random() * 65536) - 32768,
    uint16: () => Math.floor(random() * 65536),
    int32: () => Math.floor(random() * 2 ** 32) - 2 ** 31,
    uint32: () => Math.floor(random() * 2 ** 32),
    float32: () => Math.fround((random() - 0.5) * 10 ** Math.floor(random() * 12)),
    float64: () => (random() - 0.5) * 10 ** Math.floor(random() * 300),
  };
  const edges: Record<string, number[]> = {
    int16: [-32768, 32767, 0],
    uint16: [0, 65535],
    int32: [-(2 ** 31), 2 ** 31 - 1],
    uint32: [0, 2 ** 32 - 1],
    float32: [0, -1.5, 3.4028234663852886e38, 1.401298464324817e-45],
    float64: [Number.MAX_VALUE, Number.MIN_VALUE, -0.1],
  };
  for (const [type, sample] of Object.entries(samples)) {
    for (const [name, order] of Object.entries(ORDERS)) {
      it(`decodes what it encoded: ${type} in ${name}`, () => {
        const p = point({ type: type as DevicePoint['type'], ...order });
        const values = [...(edges[type] ?? []), ...Array.from({ length: 200 }, sample)];
        for (const value of values) {
          const words = encodePoint(p, value) as number[];
          expect(words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff)).toBe(true);
          const decoded = decodePoint(p, words) as number;
          // A float32 reads back as the shortest decimal of the same float32.
          expect(type === 'float32' ? Math.fround(decoded) : decoded).toBe(value);
          expect(encodePoint(p, decoded)).toEqual(words);
        }
      });
    }
  }

  it('reads a float32 back as the shortest decimal that is the same float32', () => {
    const p = point({ type: 'float32' });
    for (const value of [0.1, 230.4, 49.99, 1e-7, -273.15]) {
      expect(decodePoint(p, encodePoint(p, value) as number[])).toBe(value);
    }
  });

  it('reads scaled values back without binary noise', () => {
    const p = point({ type: 'int16', scale: 0.1 });
    for (let tenths = -300; tenths <= 300; tenths++) {
      const value = tenths / 10;
      expect(decodePoint(p, encodePoint(p, value) as number[])).toBe(value);
    }
  });
});

describe('scale and offset', () => {
  const table: Array<[Partial<DevicePoint>, number[], number]> = [
    [{ type: 'int16', scale: 0.1 }, [0xff38], -20],
    [{ type: 'int16', scale: 0.1 }, [215], 21.5],
    [{ type: 'int16', scale: 0.1 }, [3], 0.3],
    [{ type: 'uint16', scale: 0.01, offset: -40 }, [6000], 20],
    [{ type: 'uint32', scale: 0.01 }, [0x0001, 0x0000], 655.36],
    [{ type: 'float32', scale: 1000 }, [0x3f80, 0x0000], 1000],
    [{ type: 'int16', scale: -1 }, [5], -5],
    [{ type: 'uint16', offset: 10 }, [5], 15],
  ];
  for (const [over, words, value] of table) {
    it(`decodes ${JSON.stringify(over)} ${JSON.stringify(words)} as ${value} and back`, () => {
      const p = point(over);
      expect(decodePoint(p, words)).toBe(value);
      expect(encodePoint(p, value)).toEqual(words);
    });
  }

  it('rounds integer types half away from zero after undoing scale and offset', () => {
    expect(encodePoint(point({ type: 'int16' }), 2.5)).toEqual([3]);
    expect(encodePoint(point({ type: 'int16' }), -2.5)).toEqual([0xfffd]);
    expect(encodePoint(point({ type: 'int16', scale: 0.1 }), 21.54)).toEqual([215]);
    expect(encodePoint(point({ type: 'uint16', scale: 0.5 }), 1.3)).toEqual([3]);
  });
});

describe('values that do not fit', () => {
  const refusals: Array<[Partial<DevicePoint>, unknown, RegExp]> = [
    [{ type: 'uint16' }, 70000, /70000 does not fit a uint16 \(0 to 65535\)/],
    [{ type: 'uint16' }, -1, /does not fit a uint16/],
    [{ type: 'int16' }, 32768, /does not fit a int16 \(-32768 to 32767\)/],
    [
      { type: 'int16', scale: 0.1 },
      4000,
      /4000 \(raw 40000 after offset 0 and scale 0.1\) does not fit a int16/,
    ],
    [{ type: 'uint32' }, 2 ** 32, /does not fit a uint32/],
    [{ type: 'int32' }, -(2 ** 31) - 1, /does not fit a int32/],
    [{ type: 'float32' }, 1e39, /does not fit a float32/],
    [{ type: 'float64' }, Number.NaN, /NaN is not a finite number/],
    [{ type: 'float32' }, Number.POSITIVE_INFINITY, /Infinity is not a finite number/],
    [{ type: 'uint16' }, '5', /needs a number, got "5"/],
    [{ type: 'uint16' }, true, /needs a number, got true/],
    [{ type: 'bool' }, 1, /needs true or false, got 1/],
    [{ type: 'string', length: 2 }, 12, /needs a string, got 12/],
    [{ type: 'string', length: 2 }, 'ABCDE', /"ABCDE" is 5 bytes of UTF-8, more than the 4/],
    [{ type: 'string', length: 2 }, 'A\0B', /contains a NUL character/],
    [{ type: 'uint16', scale: 0 }, 1, /scale 0/],
  ];
  for (const [over, value, message] of refusals) {
    it(`refuses ${JSON.stringify(value) ?? String(value)} for ${JSON.stringify(over)}`, () => {
      const p = point({ name: 'setpoint', address: 7, ...over });
      expect(() => encodePoint(p, value as never)).toThrow(CodecError);
      expect(() => encodePoint(p, value as never)).toThrow(message);
      expect(() => encodePoint(p, value as never)).toThrow(
        /^point "setpoint" \(holding-register 7, /,
      );
    });
  }

  it('refuses a non-bool type in a bit table', () => {
    const p = point({ kind: 'coil', type: 'uint16' });
    expect(() => encodePoint(p, 1)).toThrow(/a coil holds one bit, not a uint16/);
  });
});

describe('bits and bools', () => {
  it('reads and writes a coil as one bit', () => {
    const coil = point({ kind: 'coil', type: 'bool' });
    expect(decodePoint(coil, [true])).toBe(true);
    expect(decodePoint(point({ kind: 'discrete-input', type: 'bool' }), [false])).toBe(false);
    expect(encodePoint(coil, false)).toEqual([false]);
  });

  it('reads a bool in a register as non-zero, and writes it as 1 or 0', () => {
    const p = point({ type: 'bool' });
    expect(decodePoint(p, [0])).toBe(false);
    expect(decodePoint(p, [0x8000])).toBe(true);
    expect(encodePoint(p, true)).toEqual([1]);
    expect(encodePoint(p, false)).toEqual([0]);
  });
});

describe('strings', () => {
  const p = point({ type: 'string', length: 4 });
  it('packs two characters per register, high byte first, NUL-padded', () => {
    expect(encodePoint(p, 'SLC-300')).toEqual([0x534c, 0x432d, 0x3330, 0x3000]);
    expect(encodePoint(p, 'AB')).toEqual([0x4142, 0, 0, 0]);
    expect(encodePoint(p, '')).toEqual([0, 0, 0, 0]);
  });

  it('reads up to the first NUL and ignores what follows it', () => {
    expect(decodePoint(p, [0x534c, 0x432d, 0x3330, 0x3000])).toBe('SLC-300');
    expect(decodePoint(p, [0x4142, 0x0043, 0x4444, 0x4444])).toBe('AB');
    expect(decodePoint(p, [0x4142, 0x4344, 0x4546, 0x4748])).toBe('ABCDEFGH');
  });

  it('swaps the bytes of each register for byte order little, and ignores word order', () => {
    const swapped = point({ type: 'string', length: 2, byteOrder: 'little', wordOrder: 'little' });
    expect(encodePoint(swapped, 'ABC')).toEqual([0x4241, 0x0043]);
    expect(decodePoint(swapped, [0x4241, 0x0043])).toBe('ABC');
  });

  it('round-trips UTF-8 text that fits', () => {
    const wide = point({ type: 'string', length: 6 });
    expect(decodePoint(wide, encodePoint(wide, '衡阳-1') as number[])).toBe('衡阳-1');
  });
});

describe('malformed raw input', () => {
  it('refuses fewer registers than the type spans', () => {
    expect(() => decodePoint(point({ type: 'float32' }), [1])).toThrow(/needs 2 registers, got 1/);
  });

  it('refuses register values that are not 16-bit words', () => {
    expect(() => decodePoint(point({}), [70000])).toThrow(/70000 is not a 16-bit word/);
    expect(() => decodePoint(point({}), [true])).toThrow(/true is not a 16-bit word/);
  });

  it('refuses words for a coil', () => {
    expect(() => decodePoint(point({ kind: 'coil', type: 'bool' }), [1])).toThrow(
      /needs 1 bit, got 1/,
    );
  });

  it('reads only the point’s own registers from a longer slice', () => {
    expect(decodePoint(point({}), [7, 8, 9])).toBe(7);
  });
});
