import { render } from 'preact';
import { startI18n } from './app/i18n';
import { Shell } from './app/Shell';
import { registerServiceWorker } from './app/sw-bridge';
import './app/styles.css';

const journey = import('./journey/start').then((m) => m.startJourney()).catch(() => undefined);

Promise.all([startI18n(), journey]).then(() => {
  render(<Shell />, document.getElementById('app') as HTMLElement);
  registerServiceWorker();
});
