// A value kept for this browser tab only (sessionStorage: gone when the tab closes), never in
// localStorage or the URL — the admin console's token and the members' session. Components that use
// it re-render when it changes; with sessionStorage disabled it lives in memory, for this page only.
import { useEffect, useState } from 'preact/hooks';

export interface TabStore<T> {
  get(): T | null;
  set(value: T | null): void;
  use(): T | null;
}

export function tabStore<T>(key: string, read: (raw: string) => T | null, write: (value: T) => string): TabStore<T> {
  const listeners = new Set<(value: T | null) => void>();
  let memory: T | null = null;
  function get(): T | null {
    try {
      const raw = sessionStorage.getItem(key);
      return raw ? read(raw) : null;
    } catch {
      return memory;
    }
  }
  function set(value: T | null): void {
    memory = value;
    try {
      if (value) sessionStorage.setItem(key, write(value));
      else sessionStorage.removeItem(key);
    } catch {
      // disabled: `memory` keeps it
    }
    for (const listener of listeners) listener(value);
  }
  function use(): T | null {
    const [value, setValue] = useState(get);
    useEffect(() => {
      listeners.add(setValue);
      return () => void listeners.delete(setValue);
    }, []);
    return value;
  }
  return { get, set, use };
}
