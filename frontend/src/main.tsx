import { render } from 'preact';
import { App } from './app/App';
import { startStore } from './app/store';
import { loadMessages } from './i18n/messages';
import './styles.css';

// Only the reader's language is downloaded before the first paint; another one when they switch.
await loadMessages(startStore().lang);
render(<App />, document.getElementById('app')!);
