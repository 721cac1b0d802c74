/**
 * @module `npm start`, the main job: a demo city on embedded defaults. Starts the hub with its
 * embedded store, publishes the city's apps through the catalog (a vendor key trusted by the
 * administrator, signed packages), registers two sites (lighting and pumping), starts an edge for
 * each with a simulated device and its reference flow, installs street lighting at the lighting
 * site and pumping incidents at the hub with consent, and prints where everything is. Ctrl-C
 * stops every process.
 *
 * Usage: node scripts/start.ts [--port 8080] [--data .heng/city] [--online-window 90] [--verbose]
 * (--port 0 picks a free port; --online-window is the hub's, in seconds)
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startHub } from '@heng/hub/hub';
import { findShellDist } from '@heng/hub/shell';
import { HubClient } from './city/hub-client.ts';
import { CITY_SITES, type RunningSite, siteToken, startSite } from './city/sites.ts';
import { installApp, type PublishedApp, publishApp, trustVendor } from './city/vendor.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    data: { type: 'string', default: path.join(ROOT, '.heng', 'city') },
    verbose: { type: 'boolean', default: false },
    'online-window': { type: 'string' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`npm start: --port must be 0..65535, got "${values.port}"`);
  process.exit(1);
}
const windowSeconds = values['online-window'];
const onlineWindowMs = windowSeconds === undefined ? undefined : Number(windowSeconds) * 1000;
if (
  windowSeconds !== undefined &&
  (windowSeconds.trim() === '' || !Number.isInteger(Number(windowSeconds)))
) {
  console.error(`npm start: --online-window must be whole seconds, got "${windowSeconds}"`);
  process.exit(1);
}
const data = path.resolve(values.data);
const say = (line: string) => console.log(`[city] ${line}`);

/** The administrator's password, made by the hub's first start and kept owner-only for the demo. */
async function adminCredentials(
  created: { id: string; password: string } | null,
): Promise<{ id: string; password: string }> {
  const file = path.join(data, 'admin.json');
  if (created) {
    await writeFile(file, `${JSON.stringify(created)}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    return created;
  }
  try {
    return JSON.parse(await readFile(file, 'utf8')) as { id: string; password: string };
  } catch {
    throw new Error(
      `the hub in ${data}/hub has an administrator but ${file} is gone: delete ${data} to start a new city`,
    );
  }
}

await mkdir(data, { recursive: true, mode: 0o700 });
const hub = await startHub({
  port,
  dataDir: path.join(data, 'hub'),
  shellDir: await findShellDist(),
  onlineWindowMs,
}).catch((err: Error) => {
  // A window out of range, a port in use, a store that will not open: one line, no stack.
  console.error(`npm start: ${err.message}`);
  process.exit(1);
});
const sites: RunningSite[] = [];
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping the edges and the hub`);
  await Promise.allSettled(sites.map((s) => s.close()));
  say('edges stopped');
  await hub.close();
  say('stopped');
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

try {
  const admin = await adminCredentials(hub.admin);
  const client = new HubClient(hub.url);
  await client.login(admin.id, admin.password);
  say(`hub on ${hub.url} (store: embedded, in ${path.join(data, 'hub')})`);

  const keyFile = await trustVendor(client, path.join(data, 'vendor'));
  const published = async (plugin: string): Promise<PublishedApp> => {
    const app = await publishApp(
      client,
      path.join(ROOT, 'plugins', plugin),
      keyFile,
      path.join(data, 'vendor'),
    );
    say(
      `published ${app.manifest.id}@${app.manifest.version} (signed, digest ${app.digest.slice(0, 19)}…)`,
    );
    return app;
  };
  const lighting = await published('street-lighting');
  const incidents = await published('pump-incidents');

  for (const spec of CITY_SITES) {
    const token = await siteToken(client, spec);
    const site = await startSite({
      spec,
      hubUrl: hub.url,
      token,
      dataDir: path.join(data, 'edges'),
      ...(values.verbose ? { echo: (line: string) => console.log(`  ${line}`) } : {}),
    });
    sites.push(site);
    say(
      `site ${spec.id}: edge running (pid ${site.edge.process.pid}), ${spec.profile} simulated on ${site.sim.host}:${site.sim.port}, flow ${spec.flow} deployed, Node-RED on ${site.editorUrl}`,
    );
  }

  const consented = (app: PublishedApp, where: string, done: string) =>
    say(
      `${done} ${app.manifest.id} at ${where}, with the administrator's consent to its ${app.manifest.permissions.length} permissions`,
    );
  consented(
    lighting,
    'lighting-01',
    await installApp(client, lighting, ['lighting-01'], { energyReportMinutes: 1 }),
  );
  consented(incidents, 'the hub', await installApp(client, incidents, ['hub']));

  console.log(`
Heng demo city is running. Stop it with Ctrl-C.

  Web shell     ${hub.url}/
  Hub API       ${hub.url}/api            (OpenAPI: ${hub.url}/api/openapi.json)
  Health        ${hub.url}/api/health
  Administrator user "${admin.id}", password ${admin.password}   (kept in ${path.join(data, 'admin.json')}, owner-only)
${sites.map((s) => `  ${s.spec.id.padEnd(13)} Node-RED ${s.editorUrl}  (user admin; password: npx heng-edge admin --data ${path.join(data, 'edges', s.spec.id)} --show-password)`).join('\n')}

Try:
  TOKEN=$(curl -s -X POST ${hub.url}/api/auth/login -H 'content-type: application/json' -d '{"user":"${admin.id}","password":"${admin.password}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')
  curl -s -H "authorization: Bearer $TOKEN" ${hub.url}/api/sites
  curl -s -H "authorization: Bearer $TOKEN" '${hub.url}/api/sites/lighting-01/telemetry?limit=2'
  curl -s -H "authorization: Bearer $TOKEN" ${hub.url}/api/sites/lighting-01/apps
  curl -s -H "authorization: Bearer $TOKEN" ${hub.url}/api/sites/hub/apps        (apps running at the hub)
  curl -s -H "authorization: Bearer $TOKEN" ${hub.url}/api/hub/events            (incidents they opened)
  curl -s -X POST -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' ${hub.url}/api/sites/lighting-01/commands -d '{"device":"lamp-01","point":"dimming","value":40,"reason":"try it"}'
`);
  say('ready');
} catch (err) {
  console.error(`npm start: ${(err as Error).message}`);
  await stop('error');
}
