import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
let dataDir: string | undefined;
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('heng-edge start runs the editor with auth on, never prints the password, and stops on SIGINT', async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'heng-edge-start-'));
  const child = spawn(
    process.execPath,
    [MAIN, 'start', '--site', 'pump-2', '--data', dataDir, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /editor on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (found) resolve(found[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  expect((await fetch(new URL('flows', url))).status).toBe(401);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  expect(await exited).toBe(0);
  const { password } = JSON.parse(
    await readFile(path.join(dataDir, 'node-red', 'admin.json'), 'utf8'),
  );
  expect(output).not.toContain(password);
  expect(output).toContain('heng-edge: stopped');
});

test('heng-edge start refuses a bad site id, saying why', async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'heng-edge-start-'));
  const child = spawn(process.execPath, [MAIN, 'start', '--site', 'bad site!', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(1);
  expect(stderr).toContain('site id "bad site!"');
});
