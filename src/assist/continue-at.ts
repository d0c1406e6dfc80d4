import { routeFor } from '../core/routes';

/** Where a draft brought back (with a code, or put away on this tablet) may continue: a page
 *  of the journey, else its start. */
export function continueAt(path: unknown): string {
  if (typeof path !== 'string' || !path.startsWith('/apply')) return '/apply';
  const { pathname } = new URL(path, window.location.origin);
  return routeFor(pathname).path === pathname ? pathname : '/apply';
}
