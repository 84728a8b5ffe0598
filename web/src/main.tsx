import { render } from 'preact';
import { App } from './app';
import './styles.css';
import './styles-forms.css';
import './styles-appointments.css';
import './styles-assistant.css';

render(<App />, document.getElementById('app')!);
