/** @module Where `heng-edge start` keeps what the technician's other commands look for. */
import path from 'node:path';

/** The Node-RED folder of an edge's data folder (admin.json, editor.json), as `startEdge` lays it out. */
export function editorFolder(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'node-red');
}
