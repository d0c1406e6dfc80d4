// What belongs to the first page and what is loaded ahead of need. Read by the app, by
// vite.config.ts (string chunks) and by npm run bench (what it counts as the first page), so
// this module imports nothing.

/** Namespaces (locale file names) the shell and Welcome need: loaded before the first render.
 *  Every other namespace loads, in one chunk per language, with the first page that needs it. */
export const FIRST_PAGE_NAMESPACES: readonly string[] = ['app', 'voice'];

/** The chunk a locale file is bundled into: `strings-en` for the first page's namespaces,
 *  `strings-en-pages` for the rest; null for a path that is not a locale file. */
export function stringChunkOf(path: string): string | null {
  const match = /[\\/]locales[\\/]([\w-]+)[\\/]([\w-]+)\.json$/.exec(path);
  if (!match) return null;
  const [, lang, ns] = match;
  return FIRST_PAGE_NAMESPACES.includes(ns as string) ? `strings-${lang}` : `strings-${lang}-pages`;
}

/** The performance mark set when the pages likely next start loading while the device is
 *  idle: what is fetched after it is not the page on screen. */
export const PRELOAD_MARK = 'kindly:preload-next';
