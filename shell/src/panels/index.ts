/**
 * @module Plugin panels: the sandboxed frame, its message bridge limited to the plugin's grant,
 * and the point matcher the grant uses.
 */
export { type BridgeOptions, type BridgeReply, PanelBridge, type Refusal } from './panel-bridge.ts';
export { HengPluginPanel, panelUrl } from './plugin-panel.ts';
export {
  matchPoint,
  type PanelGrant,
  type PointMatcher,
  panelGrant,
  pointAt,
  pointMatcher,
} from './point-grant.ts';
