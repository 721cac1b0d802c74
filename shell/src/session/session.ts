/**
 * @module Who is signed in and what they may do, as `/api/me` and `/api/auth/login` say. The token
 * stays in the HttpOnly cookie the hub sets: the shell never reads or stores it.
 */
import type { ApiClient } from '../api/index.ts';

/** The signed-in person. */
export interface Me {
  principal: {
    kind: 'user' | 'edge';
    id: string;
    roles: string[];
    organisation?: string;
    clearance: string;
  };
  abilities: string[];
  /** The abilities that hold at the hub as a place (a technician's hold at its sites only). */
  atHub?: string[];
}

/** True when `me` holds `ability` (the hub checks again; this only hides what would be refused). */
export function may(me: Me | null, ability: string): boolean {
  return me?.abilities.includes(ability) ?? false;
}

/** True when `ability` holds at the hub itself (its apps and events), as the hub said. */
export function mayAtHub(me: Me | null, ability: string): boolean {
  return (me?.atHub ?? me?.abilities)?.includes(ability) ?? false;
}

/** Signs in; the hub sets the session cookie. Rejects with ApiError (`unauthenticated`). */
export async function signIn(api: ApiClient, user: string, password: string): Promise<Me> {
  const { principal, abilities, atHub } = await api.post<Me & { token: string }>(
    '/api/auth/login',
    { user, password },
  );
  // The token in the body is for API clients; the shell drops it and relies on the cookie.
  return { principal, abilities, ...(atHub ? { atHub } : {}) };
}

/** The current session, or null when there is none (401). Other failures reject. */
export async function currentSession(api: ApiClient): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/me');
  } catch (err) {
    if ((err as { status?: number }).status === 401) return null;
    throw err;
  }
}

/** Signs out: the hub revokes the token and the cookie stops working. */
export async function signOut(api: ApiClient): Promise<void> {
  await api.post('/api/auth/logout');
}
