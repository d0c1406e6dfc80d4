import { render } from 'preact';
import { loadRoute, routeFor } from './app/routes';
import { Shell } from './app/Shell';
import { registerServiceWorker } from './app/sw-bridge';
import { startI18n } from './core/i18n';
import { startJourneyOnce } from './journey/routes';
import './app/styles.css';

// The first page shows as soon as its strings and its own code are in (Welcome's is here
// already), so nothing moves as it arrives; the saved draft is read after it is drawn (Welcome
// then offers to continue it), and journey pages wait for it themselves.
void Promise.all([startI18n(), loadRoute(routeFor(window.location.pathname))]).then(() => {
  render(<Shell />, document.getElementById('app') as HTMLElement);
  void startJourneyOnce();
  registerServiceWorker();
});
