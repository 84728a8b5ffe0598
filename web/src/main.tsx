import { render } from 'preact';
import { App } from './app';
import './styles.css';
import './styles-forms.css';
import './styles-appointments.css';
import './styles-assistant.css';
import './styles-opendata.css';

render(<App />, document.getElementById('app')!);
