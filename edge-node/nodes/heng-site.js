// Node-RED entry of the `heng-site` config node; the logic is in src/palette (tested without Node-RED).
import { registerSite } from '../src/palette/index.ts';

export default function (RED) {
  registerSite(RED);
}
