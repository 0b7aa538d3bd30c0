import { render } from 'preact';
import { App } from './app/App';
import { startStore } from './app/store';
import './styles.css';

startStore();
render(<App />, document.getElementById('app')!);
