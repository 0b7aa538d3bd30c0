// The one place the app's state lives. Changes go through navigate(), which mirrors them to the
// URL (push for a new view, replace for map moves and typing) and tells the subscribers.
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../i18n/types';
import { isLoaded, loadMessages } from '../i18n/messages';
import { parseUrl, toUrl, type AppState } from './url-state';

const LANGUAGE_KEY = 'semap.lang';
type Listener = (state: AppState) => void;

let state: AppState | null = null;
const listeners = new Set<Listener>();

function rememberedLanguage(): Language {
  try {
    const value = localStorage.getItem(LANGUAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage can be disabled; the URL still carries the language
  }
}

function remember(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // see rememberedLanguage
  }
}

function currentUrl(): string {
  return location.pathname + location.search;
}

function publish(next: AppState): void {
  // A language not downloaded yet is shown once its dictionary has come (a switch, or back to a page in it).
  if (!isLoaded(next.lang)) {
    void loadMessages(next.lang).then(() => { if (toUrl(next) === currentUrl()) publish(next); });
    return;
  }
  state = next;
  remember(next.lang);
  for (const listener of listeners) listener(next);
}

/** Reads the state from the address bar and follows the back and forward buttons. */
export function startStore(): AppState {
  const initial = parseUrl(currentUrl(), rememberedLanguage());
  const normal = toUrl(initial);
  if (normal !== currentUrl()) history.replaceState(null, '', normal);
  state = initial;
  remember(initial.lang);
  addEventListener('popstate', () => publish(parseUrl(currentUrl(), rememberedLanguage())));
  return initial;
}

export function getState(): AppState {
  if (!state) throw new Error('startStore() first');
  return state;
}

export type Update = Partial<AppState> | ((current: AppState) => AppState);

/** Changes the state; `replace` for changes that should not make a history entry of their own. */
export function navigate(update: Update, { replace = false } = {}): void {
  const current = getState();
  const next = typeof update === 'function' ? update(current) : { ...current, ...update };
  const url = toUrl(next);
  if (url !== currentUrl()) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
  publish(next);
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAppState(): AppState {
  const [value, setValue] = useState(getState);
  useEffect(() => subscribe(setValue), []);
  return value;
}
