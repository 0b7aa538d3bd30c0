// The member token of /member and the organisation it is bound to: sessionStorage only, like the
// admin console's token (src/admin/session.ts), never localStorage or the URL.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { components } from '../api/schema';
import { call } from './http';

export interface MemberSession {
  token: string;
  /** The id of the organisation the token is bound to, as GET /api/v1/me names it. */
  organisation: string;
}

const KEY = 'semap.memberSession';
type Listener = (session: MemberSession | null) => void;
const listeners = new Set<Listener>();
let memory: MemberSession | null = null;

export function memberSession(): MemberSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<MemberSession>;
    return typeof parsed.token === 'string' && typeof parsed.organisation === 'string'
      ? { token: parsed.token, organisation: parsed.organisation } : null;
  } catch {
    return memory;
  }
}

export function setMemberSession(session: MemberSession | null): void {
  memory = session;
  try {
    if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
    else sessionStorage.removeItem(KEY);
  } catch {
    // disabled: `memory` keeps it
  }
  for (const listener of listeners) listener(session);
}

export function useMemberSession(): MemberSession | null {
  const [session, setSession] = useState(memberSession);
  useEffect(() => {
    listeners.add(setSession);
    return () => void listeners.delete(setSession);
  }, []);
  return session;
}

export type SignIn = 'ok' | 'token' | 'role' | 'other';

/** Signs in with a token alone: GET /api/v1/me names the organisation a member token is bound to. */
export async function signInWithToken(token: string): Promise<SignIn> {
  try {
    const { data } = await call<components['schemas']['WhoAmI']>('GET', '/api/v1/me', token);
    if (!data.organisation) return 'role';
    setMemberSession({ token, organisation: String(data.organisation.id) });
    return 'ok';
  } catch (e) {
    return e instanceof ApiError && e.status === 401 ? 'token' : 'other';
  }
}
