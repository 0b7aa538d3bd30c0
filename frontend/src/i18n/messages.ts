// The dictionaries, one chunk per language: a reader downloads only their own language, and another one
// when they switch to it (app/store.ts waits for it before it shows the switch).
import type { ro } from './messages/ro';
import type { Language, Message } from './types';

export type MessageKey = keyof typeof ro;
/** Every language has every key of the Romanian source, and nothing else. */
export type Messages = Record<MessageKey, Message>;

const LOADERS: Record<Language, () => Promise<Messages>> = {
  ro: () => import('./messages/ro').then((m) => m.ro),
  en: () => import('./messages/en').then((m) => m.en),
  uk: () => import('./messages/uk').then((m) => m.uk),
  ru: () => import('./messages/ru').then((m) => m.ru),
};

const loaded = new Map<Language, Messages>();
const pending = new Map<Language, Promise<Messages>>();

export function isLoaded(lang: Language): boolean {
  return loaded.has(lang);
}

/** Loads a language's dictionary once; later calls share the same download. */
export function loadMessages(lang: Language): Promise<Messages> {
  const known = loaded.get(lang);
  if (known) return Promise.resolve(known);
  let loading = pending.get(lang);
  if (!loading) {
    loading = LOADERS[lang]().then((messages) => {
      loaded.set(lang, messages);
      return messages;
    });
    pending.set(lang, loading);
  }
  return loading;
}

/** A dictionary already loaded (the state only ever names one: see app/store.ts). */
export function messagesOf(lang: Language): Messages {
  const messages = loaded.get(lang);
  if (!messages) throw new Error(`the ${lang} messages are not loaded yet`);
  return messages;
}

/** For the unit tests (and nothing else): every language at once, without dynamic imports. */
export function registerMessages(lang: Language, messages: Messages): void {
  loaded.set(lang, messages);
}
