import { render } from 'preact';
import { loadRoute, routeFor } from './app/routes';
import { Shell } from './app/Shell';
import { registerServiceWorker } from './app/sw-bridge';
import { firstPaintShown } from './core/first-paint';
import { startI18n } from './core/i18n';
import { startJourneyOnce } from './journey/routes';
import './app/styles.css';

// The first page shows as soon as its strings and its own code are in (Welcome's is here
// already), so nothing moves as it arrives; the saved draft is read after (Welcome then offers
// to continue it), and journey pages wait for it themselves. "After" is once the first page is
// on screen: the draft's code, asked for in the same task, competed with the first paint for
// the connection, on a slow network most of all.
void Promise.all([startI18n(), loadRoute(routeFor(window.location.pathname))]).then(() => {
  render(<Shell />, document.getElementById('app') as HTMLElement);
  void firstPaintShown().then(startJourneyOnce);
  registerServiceWorker();
});
