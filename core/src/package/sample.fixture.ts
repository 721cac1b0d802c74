/** @module Test fixture: a small valid plugin to pack, sign and tamper with. */
import type { PluginManifest } from '@heng/schemas';

/** A manifest that passes the schema, with one asset and one ui panel. */
export function sampleManifest(): PluginManifest {
  return {
    id: 'com.example.lamps',
    name: 'Lamps',
    version: '1.2.0',
    vendor: { name: 'Example Lighting' },
    engines: { heng: '^0.1.0' },
    runsOn: ['edge'],
    permissions: [
      { capability: 'telemetry:read', points: ['+/+/dimming'] },
      { capability: 'ui:panel', panels: ['lamp-map'] },
    ],
    ui: { panels: [{ id: 'lamp-map', title: 'Lamp map', entry: 'ui/lamp-map.html' }] },
    assets: ['assets/icon.svg'],
  };
}

const text = (s: string) => new TextEncoder().encode(s);

/** The files the sample manifest names: bundle (at the default entry), asset and panel. */
export function sampleFiles(): Map<string, Uint8Array> {
  return new Map([
    ['dist/plugin.js', text('export default { activate() {} };\n')],
    ['assets/icon.svg', text('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['ui/lamp-map.html', text('<!doctype html><title>Lamp map</title>')],
  ]);
}
