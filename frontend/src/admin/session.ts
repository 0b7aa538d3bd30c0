// The staff token of the admin console: kept in sessionStorage only (gone when the tab closes), never
// in localStorage or the URL, and sent as `Authorization: Bearer`.
import { useEffect, useState } from 'preact/hooks';

const KEY = 'semap.adminToken';
type Listener = (token: string | null) => void;
const listeners = new Set<Listener>();
/** When sessionStorage is disabled the token lives in memory, for this page only. */
let memory: string | null = null;

export function adminToken(): string | null {
  try {
    return sessionStorage.getItem(KEY) || null;
  } catch {
    return memory;
  }
}

export function setAdminToken(token: string | null): void {
  memory = token;
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // disabled: `memory` keeps it
  }
  for (const listener of listeners) listener(token);
}

export function useAdminToken(): string | null {
  const [token, setToken] = useState(adminToken);
  useEffect(() => {
    listeners.add(setToken);
    return () => void listeners.delete(setToken);
  }, []);
  return token;
}
