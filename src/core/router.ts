import { signal } from '@preact/signals';

/** How the current page was reached: a first load shows the page as is; a navigation
 *  moves focus to the new h1 and announces it. */
export type Arrival = 'load' | 'navigation';

/** Where the app is: the path, and how it got there. */
export interface Location {
  path: string;
  search: string;
  arrival: Arrival;
}

function here(arrival: Arrival): Location {
  return { path: window.location.pathname, search: window.location.search, arrival };
}

/** The current location; the shell renders the page for its path. */
export const location = signal<Location>(here('load'));

let onNavigating: (to: string) => void = () => undefined;

/** Sets what navigate() does first, before the location changes: routes.ts starts loading
 *  the page there (kept out of this module so the router does not import every page). */
export function whenNavigating(callback: (to: string) => void): void {
  onNavigating = callback;
}

// Each entry of the tab's history that this page load made carries its depth, so that the
// app can go back over its own entries (never another site's, nor an earlier load's, which
// would reload) when a shared tablet is handed to the next person.
const DEPTH_KEY = 'kindlyDepth';

function depthOf(state: unknown): number | null {
  const depth = (state as Record<string, unknown> | null)?.[DEPTH_KEY];
  return typeof depth === 'number' ? depth : null;
}

function currentDepth(): number {
  return depthOf(window.history.state) ?? 0;
}

if (depthOf(window.history.state) === null) {
  window.history.replaceState({ [DEPTH_KEY]: 0 }, '');
}
// The first entry of this page load: going back past it would load another page.
const baseDepth = currentDepth();
let isRewinding = false;

/** Goes to a path inside the app without reloading. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  onNavigating(to);
  if (options.replace) window.history.replaceState({ [DEPTH_KEY]: currentDepth() }, '', to);
  else window.history.pushState({ [DEPTH_KEY]: currentDepth() + 1 }, '', to);
  location.value = here('navigation');
  // At once, never smoothly (styles.css asks for smooth scrolling): a new page that slides
  // up into place moves its answers under a finger already on its way to one, and a tap that
  // starts on one radio and ends on another chooses neither.
  window.scrollTo({ top: 0, left: 0, behavior: 'instant' });
}

/** Goes to `to` and leaves nothing of this visit's pages in the tab's back list: it goes
 *  back to the first entry this page load made, makes it the start page, and moves on from
 *  there, which drops every entry after it. So after a session ends, Back shows the start,
 *  not a page of the last person's application. */
export async function navigateAfresh(to: string): Promise<void> {
  const steps = currentDepth() - baseDepth;
  if (steps > 0) {
    isRewinding = true;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(fallback);
        window.removeEventListener('popstate', done);
        resolve();
      };
      // A browser that does not answer the jump still gets the new page.
      const fallback = setTimeout(done, 1000);
      window.addEventListener('popstate', done);
      window.history.go(-steps);
    });
    isRewinding = false;
  }
  if (to === '/') {
    navigate('/', { replace: true });
    return;
  }
  window.history.replaceState({ [DEPTH_KEY]: baseDepth }, '', '/');
  navigate(to);
}

/** Follows the browser's back and forward buttons. */
export function listenToHistory(): () => void {
  const onPop = () => {
    // Going back over the app's own entries to leave them is not a visit to any of them.
    if (isRewinding) return;
    // A same-page link (the skip link's #main) fires popstate too: it is not a new page,
    // and treating it as one would pull focus to the h1 away from where the link sent it.
    const { path, search } = location.value;
    if (window.location.pathname === path && window.location.search === search) return;
    location.value = here('navigation');
  };
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}

/** A click handler for in-app links: a plain primary click on a link to another page of the
 *  app navigates without a reload; everything else is left to the browser: modified clicks
 *  (new tab or window, download), other buttons, links with a target or download, links to
 *  another origin, and links to a place on the same page (the browser moves focus there). */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.currentTarget as HTMLAnchorElement;
  if (anchor.origin !== window.location.origin) return;
  if (anchor.hasAttribute('download')) return;
  if (anchor.target !== '' && anchor.target.toLowerCase() !== '_self') return;
  if (anchor.getAttribute('href')?.startsWith('#')) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search + anchor.hash);
}
