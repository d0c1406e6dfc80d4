import { render } from 'preact';
import { startI18n } from './app/i18n';
import { Shell } from './app/Shell';
import { registerServiceWorker } from './app/sw-bridge';
import { startJourneyOnce } from './journey/routes';
import './app/styles.css';

// The first page shows as soon as its strings are in; the saved draft is read after (Welcome
// then offers to continue it), and journey pages wait for it themselves.
void startI18n().then(() => {
  render(<Shell />, document.getElementById('app') as HTMLElement);
  void startJourneyOnce();
  registerServiceWorker();
});
