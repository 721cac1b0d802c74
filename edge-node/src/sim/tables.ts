/**
 * @module The four Modbus tables of a simulated device: values, and which addresses are mapped
 * and writable, so a read of an unmapped address answers exception 02 like a real device.
 */
import type { Table } from '../modbus/types.ts';

/** Modbus exception codes the simulator answers with (application protocol v1.1b3, §7). */
export const EXCEPTION = {
  illegalFunction: 0x01,
  illegalDataAddress: 0x02,
  illegalDataValue: 0x03,
  serverDeviceFailure: 0x04,
  gatewayTargetFailed: 0x0b,
} as const;

const ADDRESSES = 65_536;
const READ = 1;
const WRITE = 2;

/** One table: a value per address and a mask saying which addresses exist and may be written. */
export interface TableStore {
  /** 0/1 per bit for coil and discrete-input; a 16-bit word per address for registers. */
  readonly values: Uint8Array | Uint16Array;
  /** Per address: 0 unmapped, bit 1 readable, bit 2 writable. */
  readonly access: Uint8Array;
}

/**
 * The device's memory: flat typed arrays over the whole 16-bit address space (under 1 MiB in all),
 * because a request then costs one bounds loop and no lookups.
 */
export class ModbusTables {
  readonly #tables: Record<Table, TableStore> = {
    coil: { values: new Uint8Array(ADDRESSES), access: new Uint8Array(ADDRESSES) },
    'discrete-input': { values: new Uint8Array(ADDRESSES), access: new Uint8Array(ADDRESSES) },
    'input-register': { values: new Uint16Array(ADDRESSES), access: new Uint8Array(ADDRESSES) },
    'holding-register': { values: new Uint16Array(ADDRESSES), access: new Uint8Array(ADDRESSES) },
  };

  /** Marks `width` addresses from `address` as existing, and writable when `writable`. */
  map(table: Table, address: number, width: number, writable: boolean): void {
    const { access } = this.#tables[table];
    for (let a = address; a < address + width && a < ADDRESSES; a++) {
      access[a] = READ | (writable ? WRITE : 0);
    }
  }

  /** The store of one table, for the request handler's hot path. */
  store(table: Table): TableStore {
    return this.#tables[table];
  }

  /** True when every address of the span exists (and is writable, when `forWrite`). */
  covers(table: Table, address: number, count: number, forWrite = false): boolean {
    if (address + count > ADDRESSES) return false;
    const { access } = this.#tables[table];
    const need = forWrite ? WRITE : READ;
    for (let a = address; a < address + count; a++) if ((access[a]! & need) === 0) return false;
    return true;
  }

  /** Registers from `address`, a copy. */
  words(table: 'input-register' | 'holding-register', address: number, count: number): number[] {
    return Array.from(this.#tables[table].values.subarray(address, address + count));
  }

  /** Bits from `address`, a copy. */
  bits(table: 'coil' | 'discrete-input', address: number, count: number): boolean[] {
    return Array.from(
      this.#tables[table].values.subarray(address, address + count),
      (v) => v !== 0,
    );
  }

  /** Sets registers from `address` (the simulator's own updates; no access check). */
  setWords(table: 'input-register' | 'holding-register', address: number, words: number[]): void {
    this.#tables[table].values.set(words, address);
  }

  /** Sets bits from `address` (the simulator's own updates; no access check). */
  setBits(table: 'coil' | 'discrete-input', address: number, bits: boolean[]): void {
    this.#tables[table].values.set(
      bits.map((b) => (b ? 1 : 0)),
      address,
    );
  }
}
