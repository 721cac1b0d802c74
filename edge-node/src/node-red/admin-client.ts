/**
 * @module Talking to the embedded editor's admin API as its administrator: what a technician's
 * tooling (and the tests) use to deploy flows and press buttons without the browser.
 */
import { readFile } from 'node:fs/promises';
import { HengError } from '@heng/schemas';
import type { AdminCredentials, RunningEditor } from './runtime.ts';

/** Headers of an admin session: a fresh token from the admin credentials file. */
export async function adminHeaders(
  editor: Pick<RunningEditor, 'url' | 'credentialsFile'>,
): Promise<Record<string, string>> {
  const { username, password } = JSON.parse(
    await readFile(editor.credentialsFile, 'utf8'),
  ) as AdminCredentials;
  const res = await fetch(new URL('auth/token', editor.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: 'node-red-admin',
      grant_type: 'password',
      scope: '*',
      username,
      password,
    }),
  });
  if (res.status !== 200)
    throw new HengError(
      'permission_denied',
      `admin sign-in to ${editor.url} refused (${res.status})`,
    );
  const { access_token } = (await res.json()) as { access_token: string };
  return { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' };
}

/** POSTs to the admin API (`flows` to deploy, `inject/<id>` to press a button); throws on refusal. */
export async function adminPost(
  editor: Pick<RunningEditor, 'url' | 'credentialsFile'>,
  route: string,
  body?: unknown,
): Promise<void> {
  const res = await fetch(new URL(route, editor.url), {
    method: 'POST',
    headers: await adminHeaders(editor),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300)
    throw new HengError('internal', `POST ${route}: ${res.status} ${await res.text()}`);
}

/** GETs JSON from the admin API (`heng/readings?device=pump-01`); throws with the API's message. */
export async function adminGet<T>(
  editor: Pick<RunningEditor, 'url' | 'credentialsFile'>,
  route: string,
): Promise<T> {
  const res = await fetch(new URL(route, editor.url), { headers: await adminHeaders(editor) });
  const text = await res.text();
  if (res.status !== 200) {
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // Not JSON (an Express error page): the text itself says what went wrong.
    }
    throw new HengError('internal', `GET ${route} on ${editor.url}: ${res.status} ${message}`);
  }
  return JSON.parse(text) as T;
}
