/**
 * @module How long the shell takes to show the sites overview with 20 sites, in headless Chromium
 * against a real hub: from navigation to every row rendered. The hub runs as `heng-hub start` in a
 * child process rather than through `startHub`, because the shell may not import the hub (the
 * layering rule of `npm run check:deps`): it knows the hub by its HTTP API only. The baseline, in the
 * same browser, interleaved, is the bare platform doing the same job: a static HTML page with the
 * same 20 rows served by a bare node:http server (no script, no API call). The ratio is what the
 * shell costs over that (assets cached after the warm-up, as on an administrator's second visit).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { compare, median, type Result } from '../../bench/measure.ts';
import { launchChromium } from '../e2e/browser.ts';
import { ensureShellBuilt } from '../e2e/city.ts';

const HUB_CLI = fileURLToPath(new URL('../../hub/src/cli/main.ts', import.meta.url));
const SITES = 20;
/** Measured pairs after the warm-up (at least five, per BENCHMARKS.md). */
const ROUNDS = 9;

/**
 * Runs in the page on every animation frame: the time since navigation began once all rows are
 * there, in the shell (inside its shadow roots) or in a plain document, else false.
 */
function rowsRendered(count: number): number | false {
  const app = document.querySelector('heng-app')?.shadowRoot;
  const root = app?.querySelector('heng-overview')?.shadowRoot ?? document;
  return root.querySelectorAll('tr[data-site]').length >= count ? performance.now() : false;
}

/** One load of `url` from a blank page: milliseconds from navigation start to every row shown. */
async function load(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const done = await page.waitForFunction(rowsRendered, SITES, { polling: 'raf', timeout: 30_000 });
  return (await done.jsonValue()) as number;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export default async function bench(report: (r: Result) => void): Promise<void> {
  await ensureShellBuilt();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'heng-shell-nav-'));
  const child = spawn(process.execPath, [HUB_CLI, 'start', '--port', '0', '--data', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  const browser = await launchChromium();
  const baselineServer = createServer();
  try {
    while (!/heng-hub: listening on/.test(output)) {
      if (child.exitCode !== null) throw new Error(`heng-hub exited:\n${output}`);
      await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
    }
    if (!/web shell on/.test(output)) throw new Error(`heng-hub serves no shell:\n${output}`);
    const admin = /created administrator "(\S+)" with password (\S+)/.exec(output);
    if (!admin) throw new Error(`a new hub made no administrator:\n${output}`);
    const hub = {
      url: /heng-hub: listening on (\S+)/.exec(output)![1]!,
      admin: { id: admin[1]!, password: admin[2]! },
    };
    const login = await fetch(`${hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: hub.admin.id, password: hub.admin.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const names: Array<{ id: string; name: string }> = [];
    for (let i = 1; i <= SITES; i++) {
      const site = { id: `site-${String(i).padStart(2, '0')}`, name: `Bench cabinet ${i}` };
      const res = await fetch(`${hub.url}/api/sites`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(site),
      });
      if (res.status >= 300) throw new Error(`registering ${site.id}: ${res.status}`);
      names.push(site);
    }

    // The baseline: the same rows, already rendered, from the bare Node HTTP server.
    const staticPage = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Sites</title>
<h1>Sites</h1><table><thead><tr><th>Site</th><th>Health</th><th>Connection</th></tr></thead><tbody>
${names.map((s) => `<tr data-site="${s.id}"><th><a href="#/sites/${s.id}">${escapeHtml(s.name)}</a> <small>${s.id}</small></th><td>Never seen</td><td>Offline</td></tr>`).join('\n')}
</tbody></table></html>`;
    baselineServer.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(staticPage);
    });
    baselineServer.listen(0, '127.0.0.1');
    await once(baselineServer, 'listening');
    const baselineUrl = `http://127.0.0.1:${(baselineServer.address() as AddressInfo).port}/`;

    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(`${hub.url}/`);
    await page.getByLabel('User name').fill(hub.admin.id);
    await page.getByLabel('Password').fill(hub.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sites' }).waitFor();

    const shellMs: number[] = [];
    const staticMs: number[] = [];
    const result = await compare(
      `shell overview, ${SITES} sites: navigation → rows rendered`,
      'loads/s',
      async () => {
        const ms = await load(page, `${hub.url}/#/sites`);
        shellMs.push(ms);
        return 1000 / ms;
      },
      async () => {
        const ms = await load(page, baselineUrl);
        staticMs.push(ms);
        return 1000 / ms;
      },
      { rounds: ROUNDS, warmup: 2, goal: 'report (the shell renders with JS and an API call)' },
    );
    // Only the measured rounds, not the warm-up.
    const measured = (all: number[]) => all.slice(-ROUNDS);
    report({
      ...result,
      extra: {
        shellMedianMs: median(measured(shellMs)),
        staticMedianMs: median(measured(staticMs)),
      },
    });
    report({
      name: `shell overview, ${SITES} sites: time to rows rendered`,
      unit: 'ms',
      value: median(measured(shellMs)),
      min: Math.min(...measured(shellMs)),
      max: Math.max(...measured(shellMs)),
    });
  } finally {
    await browser.close();
    baselineServer.close();
    if (child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      // Seen here: a hub that served live streams sometimes never finishes its SIGINT stop.
      const timer = setTimeout(() => {
        console.warn(`heng-hub did not stop in 10 s:\n${output.slice(-2000)}`);
        child.kill('SIGKILL');
      }, 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  }
}
