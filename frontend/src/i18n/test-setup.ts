// Vitest: every dictionary loaded before the tests run (the app loads them one at a time).
import { registerMessages } from './messages';
import { en } from './messages/en';
import { ro } from './messages/ro';
import { ru } from './messages/ru';
import { uk } from './messages/uk';

registerMessages('ro', ro);
registerMessages('en', en);
registerMessages('uk', uk);
registerMessages('ru', ru);
