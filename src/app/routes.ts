import { assistRoutes } from '../assist/routes';
import { loadAllStrings } from '../core/i18n';
import { type Route, setRouteTable } from '../core/routes';
import { journeyRoutes, likelyNextJourneyPaths, startJourneyOnce } from '../journey/routes';
import { WelcomePage } from './WelcomePage';

/** Every page of the app, in no particular order. */
const routes: readonly Route[] = [
  { path: '/', load: async () => WelcomePage },
  { path: '/settings', load: () => import('./SettingsPage').then((m) => m.SettingsPage) },
  {
    path: '/privacy',
    // It says whether an application is in progress, so the saved draft is read first.
    load: () =>
      Promise.all([
        import('./PrivacyPage').then((m) => m.PrivacyPage),
        loadAllStrings(),
        startJourneyOnce(),
      ]).then(([page]) => page),
  },
  ...journeyRoutes,
  ...assistRoutes,
  // The back office: its module is fetched only when a reviewer opens one of its pages.
  { path: '/office', load: () => import('../office/pages').then((m) => m.queuePage()) },
  {
    path: '/office/application',
    load: () => import('../office/pages').then((m) => m.applicationPage()),
  },
];

setRouteTable({
  routes,
  notFound: { path: '*', load: () => import('./NotFoundPage').then((m) => m.NotFoundPage) },
  // Fetched once the page is idle, so that pressing Continue or Start finds them ready.
  likelyNext: (path) => (path === '/' ? ['/apply', '/settings'] : likelyNextJourneyPaths(path)),
});

export { loadRoute, routeFor, useRoutePage } from '../core/routes';
