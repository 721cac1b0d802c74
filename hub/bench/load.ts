/**
 * @module The load generator of the API benchmark, run as its own process so that client and
 * server do not share a core: `concurrency` keep-alive connections send GET `path` back to back
 * for `ms`, then it prints `{ "requests": n, "seconds": s, "errors": e }`.
 *
 * Usage: node load.ts URL MS CONCURRENCY [TOKEN]
 */
import http from 'node:http';

const [url, ms, concurrency, token] = process.argv.slice(2);
const target = new URL(url!);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
const end = performance.now() + Number(ms);
let requests = 0;
let errors = 0;

function once(): Promise<void> {
  return new Promise((resolve) => {
    const req = http.get(target, { agent, headers }, (res) => {
      if (res.statusCode !== 200) errors++;
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', () => {
      errors++;
      resolve();
    });
  });
}

async function worker(): Promise<void> {
  while (performance.now() < end) {
    await once();
    requests++;
  }
}

const start = performance.now();
await Promise.all(Array.from({ length: Number(concurrency) }, () => worker()));
console.log(JSON.stringify({ requests, seconds: (performance.now() - start) / 1000, errors }));
agent.destroy();
