// Node-RED entry of `heng event out` and `heng event in`; the logic is in src/palette.
import { registerEvents } from '../src/palette/index.ts';

export default function (RED) {
  registerEvents(RED);
}
