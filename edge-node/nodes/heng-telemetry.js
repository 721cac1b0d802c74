// Node-RED entry of `heng telemetry out`; the logic is in src/palette (tested without Node-RED).
import { registerTelemetryOut } from '../src/palette/index.ts';

export default function (RED) {
  registerTelemetryOut(RED);
}
