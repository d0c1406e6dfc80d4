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

// The journey's shared code, in two files rather than fourteen: on a tablet's HTTP/1.1
// connections (six at a time) a journey page opened directly waited for fourteen in three
// rounds before it could show. None of it is imported by the app's entry (the bench's
// first-page figure checks), and each page keeps its own code to itself.

/** The saved draft and the outbox: read at start-up, once the first page is rendered. */
const DRAFT = [
  /[\\/]src[\\/]storage[\\/]/,
  /[\\/]src[\\/]sync[\\/](outbox-sender|send)\.ts$/,
  /[\\/]src[\\/]journey[\\/](start|store|answers|answering|entered-by)\.ts$/,
  /[\\/]src[\\/]loan[\\/](answer-fields|income-bands)\.ts$/,
  /[\\/]node_modules[\\/]idb[\\/]/,
];

/** What every journey page is drawn with: the loan engine, the catalog, figures, progress and
 *  the parts of a question page. Loaded ahead from Welcome. */
const PAGES = [
  // Not dates.ts: the assisted session's banner writes times with it, and should not wait for
  // the journey's code to show.
  // Not id-card.ts: it comes with the ID card reader, only to those who ask for it.
  /[\\/]src[\\/]loan[\\/](?!dates\.ts$|id-card\.ts$)/,
  /[\\/]src[\\/]journey[\\/](catalog|progress|product-view|validation|pending|application-body)\.ts$/,
  /[\\/]src[\\/]journey[\\/](CatalogGate|QuestionPage|AnsweringToggle)[\\/]/,
  /[\\/]src[\\/]ui[\\/](BackLink|ErrorSummary|SubmitForm)[\\/]/,
  /[\\/]node_modules[\\/]valibot[\\/]/,
];

/** The chunk a module of the journey's shared code is bundled into ('journey-draft' or
 *  'journey'), or null for any other module. */
export function journeyChunkOf(path: string): string | null {
  if (DRAFT.some((pattern) => pattern.test(path))) return 'journey-draft';
  return PAGES.some((pattern) => pattern.test(path)) ? 'journey' : null;
}
