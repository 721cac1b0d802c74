import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { Couch } from './couch.ts';
import { STORE_DIR_MODE, STORE_FILE_MODE, startEmbeddedCouch } from './embedded.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Every file and folder under `root` with its permission bits. */
async function modes(root: string): Promise<Array<[string, 'dir' | 'file', number]>> {
  const found: Array<[string, 'dir' | 'file', number]> = [];
  const walk = async (at: string) => {
    found.push([path.relative(root, at) || '.', 'dir', (await stat(at)).mode & 0o777]);
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const child = path.join(at, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile())
        found.push([path.relative(root, child), 'file', (await stat(child)).mode & 0o777]);
    }
  };
  await walk(root);
  return found;
}

test("keeps the store's folder 0700 and its files 0600, those an earlier start left too", async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'heng-embedded-modes-'));
  const store = path.join(dir, 'couch');
  // What a hub before this change left: a world-readable folder and file.
  await mkdir(path.join(store, 'old-db'), { recursive: true, mode: 0o755 });
  await writeFile(path.join(store, 'old-db', 'LOG'), 'x', { mode: 0o644 });
  process.umask(0o022);
  await using embedded = await startEmbeddedCouch({ dir: store });
  const couch = new Couch({ url: embedded.url, credentials: embedded.credentials });
  await couch.ensureDb('heng-hub');
  await couch
    .db<{ password: unknown }>('heng-hub')
    .insert({ _id: 'user/x', password: { hash: 'secret' } });
  const found = await modes(store);
  expect(found.filter(([, kind]) => kind === 'file').length).toBeGreaterThan(3);
  const wrong = found.filter(
    ([, kind, mode]) => mode !== (kind === 'dir' ? STORE_DIR_MODE : STORE_FILE_MODE),
  );
  expect(wrong).toEqual([]);
});
