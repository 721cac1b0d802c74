// Node-RED entry of `heng-device`, `heng read` and `heng write`; the logic is in src/palette (tested without Node-RED).
import { registerDevice, registerRead, registerWrite } from '../src/palette/index.ts';

export default function (RED) {
  registerDevice(RED);
  registerRead(RED);
  registerWrite(RED);
}
