import { expect, test } from 'vitest';
import { SseReader } from './sse.fixture.ts';
import { openSse } from './sse.ts';

test('a stream starts with the retry hint, sends heartbeats and messages, and ends once', async () => {
  const stop = new AbortController();
  let ends = 0;
  const { response, client } = openSse({
    heartbeatMs: 5,
    retryMs: 3000,
    signal: stop.signal,
    onClose: () => ends++,
  });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = new SseReader(response.body!);
  await reader.next((m) => m.event === 'retry' && m.data === 3000);
  await reader.next((m) => m.event === 'comment' && m.data === 'heartbeat');
  client.send('site', { site: 'a', sync: { online: true } });
  expect((await reader.next((m) => m.event === 'site')).data).toEqual({
    site: 'a',
    sync: { online: true },
  });
  client.close();
  client.close();
  await reader.end();
  expect(ends).toBe(1);
  client.send('site', {}); // a no-op once closed
});

test('the client going away ends the stream', async () => {
  const stop = new AbortController();
  let ended = false;
  const { response, client } = openSse({
    heartbeatMs: 60_000,
    retryMs: 3000,
    signal: stop.signal,
    onClose: () => {
      ended = true;
    },
  });
  const reader = new SseReader(response.body!);
  stop.abort();
  await reader.end();
  expect(ended).toBe(true);
  expect(client.closed).toBe(true);
});
