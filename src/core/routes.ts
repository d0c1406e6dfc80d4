import type { ComponentType } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { PRELOAD_MARK } from './first-page';
import { whenNavigating } from './router';

/** A page of the app: its path and how to get its component (most are loaded on demand so
 *  the first page carries only what it needs). */
export interface Route {
  path: string;
  load: () => Promise<ComponentType>;
}

/** The app's pages, the page for any other path, and the pages likely opened next from a
 *  path. The app shell sets it; features only look routes up, so they need not import the
 *  shell that imports them. */
export interface RouteTable {
  routes: readonly Route[];
  notFound: Route;
  likelyNext: (path: string) => readonly string[];
}

let table: RouteTable = {
  routes: [],
  notFound: { path: '*', load: () => Promise.reject(new Error('No route table')) },
  likelyNext: () => [],
};

/** Sets the app's route table (once, as the shell's module loads). */
export function setRouteTable(next: RouteTable): void {
  table = next;
}

/** The route for a path. */
export function routeFor(path: string): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return table.routes.find((r) => r.path === clean) ?? table.notFound;
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

/** Starts loading the page at a path; resolves with it, or null if it could not be loaded. */
export function preloadPath(path: string): Promise<ComponentType | null> {
  return loadRoute(routeFor(new URL(path, window.location.origin).pathname));
}

// The page a link or Continue leads to starts loading as the navigation starts.
whenNavigating(preloadPath);

/** A page for the shell to show: the path's component once loaded; until then the page shown
 *  before (isHeld), or null on a first load or once a load has failed, with how many loads
 *  have failed (offline before the service worker had the chunk) and a way to retry. */
export interface RoutePage {
  Page: ComponentType | null;
  isHeld: boolean;
  failures: number;
  retry: () => void;
}

/** The page component for a path: at once when it is loaded already (so a navigation renders
 *  in the same frame); while it loads, the page shown before stays on screen rather than an
 *  empty page. Once a page is on screen, the pages likely to come next are loaded while the
 *  device is idle. */
export function useRoutePage(path: string): RoutePage {
  const route = routeFor(path);
  const lastShown = useRef<ComponentType | null>(null);
  const [, setLoaded] = useState(0);
  const [failed, setFailed] = useState<{ route: Route; count: number } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const page = loaded.get(route) ?? null;
  // A new attempt (retry) runs this again: loadRoute forgot the failed load.
  useEffect(() => {
    if (page) return;
    let isCurrent = true;
    void loadRoute(route).then((component) => {
      if (!isCurrent) return;
      if (component) setLoaded((n) => n + 1);
      else setFailed((f) => ({ route, count: f?.route === route ? f.count + 1 : 1 }));
    });
    return () => {
      isCurrent = false;
    };
  }, [route, page, attempt]);
  useEffect(() => {
    if (!page) return;
    // One page per idle moment: loading a page ahead starts its code, its strings and its
    // data in one go, and two pages at once (Welcome's Start and Settings) made one long task.
    const waiting = [...table.likelyNext(route.path)];
    if (waiting.length === 0) return;
    const loadNext = () => {
      preloadPath(waiting.shift() as string);
      if (waiting.length > 0) cancel = whenIdle(loadNext);
    };
    let cancel = whenIdle(() => {
      performance.mark(PRELOAD_MARK);
      loadNext();
    });
    return () => cancel();
  }, [route, page]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const failures = !page && failed?.route === route ? failed.count : 0;
  if (page) lastShown.current = page;
  const held = !page && failures === 0 ? lastShown.current : null;
  return { Page: page ?? held, isHeld: held !== null, failures, retry };
}

/** Runs `task` when the browser is idle (or after a second where it cannot say); returns the
 *  function that cancels it. */
export function whenIdle(task: () => void): () => void {
  if ('requestIdleCallback' in window) {
    const id = window.requestIdleCallback(task, { timeout: 1000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(task, 1000);
  return () => clearTimeout(id);
}
