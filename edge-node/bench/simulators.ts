/**
 * @module Runs benchmark simulators in their own process, so that on a small machine the device
 * and the driver do not share one event loop (the driver, not the device, must be the bottleneck).
 * Argument: a JSON array of fault options, one simulator each (`{}` for a healthy one). Prints the
 * ports as one JSON line, and stops when its stdin closes.
 */
import type { FaultOptions } from '../src/sim/index.ts';
import { startSimulator } from '../src/sim/index.ts';
import { registersProfile } from './registers.fixture.ts';

const faults = JSON.parse(process.argv[2] ?? '[{}]') as FaultOptions[];
const sims = await Promise.all(
  faults.map((f) =>
    startSimulator({ profile: registersProfile(125), tickMs: 0, unit: 1, seed: 1, faults: f }),
  ),
);
console.log(JSON.stringify(sims.map((s) => s.port)));
process.stdin.resume();
process.stdin.on('end', () => {
  void Promise.all(sims.map((s) => s.dispose())).then(() => process.exit(0));
});
