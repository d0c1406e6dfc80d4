import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { journeyRoutes, likelyNextJourneyPaths } from '../journey/routes';
import { PRELOAD_MARK } from './first-page';
import { whenNavigating } from './router';
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

const loading = new Map<Route, Promise<ComponentType | null>>();
const loaded = new Map<Route, ComponentType>();

/** Loads a route's page once (later calls share the first); a failed load (offline, before
 *  the service worker has the chunk) is forgotten so the next visit tries again. */
export function loadRoute(route: Route): Promise<ComponentType | null> {
  let pending = loading.get(route);
  if (!pending) {
    pending = route.load().then(
      (component) => {
        loaded.set(route, component);
        return component;
      },
      () => {
        loading.delete(route);
        return null;
      },
    );
    loading.set(route, pending);
  }
  return pending;
}

/** Starts loading the page at a path, without waiting for it. */
export function preloadPath(path: string): void {
  void loadRoute(routeFor(new URL(path, window.location.origin).pathname));
}

// The page a link or Continue leads to starts loading as the navigation starts.
whenNavigating(preloadPath);

/** The pages a person is likely to open next from a path: fetched once the page is idle, so
 *  that pressing Continue or Start finds them ready. */
function likelyNextPaths(path: string): readonly string[] {
  if (path === '/') return ['/apply', '/settings'];
  return likelyNextJourneyPaths(path);
}

/** The page component for a path: at once when it is loaded already (so a navigation renders
 *  in the same frame), else null until it arrives. Once a page is on screen, the pages likely
 *  to come next are loaded while the device is idle. */
export function useRoutePage(path: string): ComponentType | null {
  const route = routeFor(path);
  const [, setLoaded] = useState(0);
  const page = loaded.get(route) ?? null;
  useEffect(() => {
    if (page) return;
    let isCurrent = true;
    void loadRoute(route).then(() => {
      if (isCurrent) setLoaded((n) => n + 1);
    });
    return () => {
      isCurrent = false;
    };
  }, [route, page]);
  useEffect(() => {
    if (!page) return;
    return whenIdle(() => {
      performance.mark(PRELOAD_MARK);
      for (const next of likelyNextPaths(route.path)) preloadPath(next);
    });
  }, [route, page]);
  return page;
}

/** Runs `task` when the browser is idle (or after a second where it cannot say); returns the
 *  function that cancels it. */
function whenIdle(task: () => void): () => void {
  if ('requestIdleCallback' in window) {
    const id = window.requestIdleCallback(task, { timeout: 1000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(task, 1000);
  return () => clearTimeout(id);
}
