import { en } from './messages/en';
import { ro } from './messages/ro';
import { ru } from './messages/ru';
import { uk } from './messages/uk';
import type { Language, Message } from './types';

export type MessageKey = keyof typeof ro;
/** Every language has every key of the Romanian source, and nothing else. */
export type Messages = Record<MessageKey, Message>;

export const MESSAGES: Record<Language, Messages> = { ro, en, uk, ru };
