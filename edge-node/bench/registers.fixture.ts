/**
 * @module The device the Modbus benchmarks poll: `count` uint16 holding registers at 0..count-1,
 * one point each, so that a profile of n points is read in one request of n registers.
 */
import type { DeviceProfile } from '@heng/schemas';

/** A profile of `count` (1..125) consecutive uint16 holding registers from address 0. */
export function registersProfile(count: number): DeviceProfile {
  return {
    id: `bench-registers-${count}`,
    name: `Benchmark registers (${count})`,
    points: Array.from({ length: count }, (_, i) => ({
      name: `r${i}`,
      kind: 'holding-register' as const,
      address: i,
      type: 'uint16' as const,
      access: 'read' as const,
      dataClass: 'internal' as const,
    })),
  };
}
