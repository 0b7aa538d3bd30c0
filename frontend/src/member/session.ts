// The member token of /member and the organisation it is bound to, for this tab only (app/tab-store.ts).
import { tabStore } from '../app/tab-store';
import type { components } from '../api/schema';
import { getJson } from '../api/client';

export interface MemberSession {
  token: string;
  /** The id of the organisation the token is bound to, as GET /api/v1/me names it. */
  organisation: string;
}

function parse(raw: string): MemberSession | null {
  const parsed = JSON.parse(raw) as Partial<MemberSession>;
  return typeof parsed.token === 'string' && typeof parsed.organisation === 'string'
    ? { token: parsed.token, organisation: parsed.organisation } : null;
}

const store = tabStore<MemberSession>('semap.memberSession', parse, (session) => JSON.stringify(session));

export const memberSession = store.get;
export const setMemberSession = store.set;
export const useMemberSession = store.use;

/** Signs in with what GET /api/v1/me said of the token; false when it is not a member token. */
export function signInAs(me: components['schemas']['WhoAmI'], token: string): boolean {
  if (!me.organisation) return false;
  setMemberSession({ token, organisation: String(me.organisation.id) });
  return true;
}

/** Signs in with a token alone (the claim and freshness pages' one click); false when it cannot. */
export async function signInWithToken(token: string): Promise<boolean> {
  try {
    return signInAs(await getJson('/api/v1/me', { token }), token);
  } catch {
    return false;
  }
}
