import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { adminHeaders } from '../node-red/index.ts';
import { REFERENCE_PROFILES } from '../profiles/index.ts';
import { startSimulator } from '../sim/index.ts';

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

test('heng-edge start refuses a bad devices file, naming the entry and field', async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'heng-edge-start-'));
  const file = path.join(dataDir, 'devices.json');
  await writeFile(
    file,
    JSON.stringify([
      { name: 'lamp-ctrl-1', profile: 'streetlight-controller', host: '127.0.0.1', port: 70000 },
    ]),
  );
  const child = spawn(
    process.execPath,
    [MAIN, 'start', '--site', 'pump-2', '--data', dataDir, '--port', '0', '--devices', file],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(1);
  expect(stderr).toContain(`heng-edge start: invalid site devices in ${file}`);
  expect(stderr).toContain('devices[0].port: must be 1..65535');
});

test('heng-edge start --devices polls the devices of the file and stops cleanly on SIGTERM', async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'heng-edge-start-'));
  const profile = JSON.parse(
    await readFile(path.join(REFERENCE_PROFILES, 'streetlight-controller.json'), 'utf8'),
  );
  await using sim = await startSimulator({ profile, port: 0, tickMs: 0 });
  const file = path.join(dataDir, 'devices.json');
  await writeFile(
    file,
    JSON.stringify([
      { name: 'lamp-ctrl-1', profile: 'streetlight-controller', host: sim.host, port: sim.port },
    ]),
  );
  const child = spawn(
    process.execPath,
    [MAIN, 'start', '--site', 'lighting-01', '--data', dataDir, '--port', '0', '--devices', file],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('editor on')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  expect(output).toContain(`heng-edge: polling 1 device(s) from ${file}`);
  // 'close', not 'exit': only then has all of its output been read.
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(output).toContain('heng-edge: stopped');
});

test('heng-edge start still exits 0 on SIGTERM after an admin signed in to the editor', async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'heng-edge-start-'));
  const child = spawn(
    process.execPath,
    [MAIN, 'start', '--site', 'pump-2', '--data', dataDir, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
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
  // A sign-in arms Node-RED's week-long session-expiry timer, which RED.stop() leaves behind.
  const auth = await adminHeaders({
    url,
    credentialsFile: path.join(dataDir, 'node-red', 'admin.json'),
  });
  expect((await fetch(new URL('flows', url), { headers: auth })).status).toBe(200);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(output).toContain('heng-edge: stopped');
}, 60_000);
