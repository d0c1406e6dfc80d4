// Which locale files load with the first page. Read by i18n.ts, by vite.config.ts (one chunk
// per group and language) and by the bench (what the first page's strings weigh).

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
