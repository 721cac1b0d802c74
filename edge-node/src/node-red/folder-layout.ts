/**
 * @module The files of the edge's Node-RED folder that other commands look for, named in one place.
 */
import path from 'node:path';

/** The admin account (`{username, password}`), readable by its owner only. */
export const adminFileIn = (dataDir: string): string => path.join(dataDir, 'admin.json');

/** Where the running editor listens (`{url, pid}`), present while it runs. */
export const editorAddressFileIn = (dataDir: string): string => path.join(dataDir, 'editor.json');
