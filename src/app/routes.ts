import type { ComponentType } from 'preact';
import { journeyRoutes } from '../journey/routes';
import { WelcomePage } from './WelcomePage';

/** A page of the app: its path and how to get its component (most are loaded on demand so
 *  the first page carries only what it needs). */
export interface Route {
  path: string;
  load: () => Promise<ComponentType>;
}

/** Every page of the app, in no particular order. */
export const routes: readonly Route[] = [
  { path: '/', load: async () => WelcomePage },
  { path: '/settings', load: () => import('./SettingsPage').then((m) => m.SettingsPage) },
  ...journeyRoutes,
];

/** The not-found page, for any path no route claims. */
export const notFound: Route = {
  path: '*',
  load: () => import('./NotFoundPage').then((m) => m.NotFoundPage),
};

/** The route for a path. */
export function routeFor(path: string): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return routes.find((r) => r.path === clean) ?? notFound;
}
