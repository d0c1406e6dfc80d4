import type { ComponentType } from 'preact';
import { loadAllStrings } from '../core/i18n';
import { SIDE_PAGES, STEPS } from './flow';
import { JOURNEY_PAGE_MODULES } from './page-modules';

type Loader = () => Promise<ComponentType>;

let started: Promise<void> | null = null;

/** Restores the saved draft and starts the outbox, once per visit. The shell starts it right
 *  after the first render; every journey page waits for it, so none shows (or saves over) an
 *  empty application while the saved one is still being read. */
export function startJourneyOnce(): Promise<void> {
  started ??= import('./start').then((m) => m.startJourney()).catch(() => undefined);
  return started;
}

// Each page is its own chunk, fetched when first needed, so Welcome carries none of them; it
// renders once its code, the journey's strings and the restored draft are all there. (Not
// ./QuestionPage: the pages' shared frame, in the journey's shared code.)
const pageModules = import.meta.glob<Record<string, ComponentType>>([
  './*Page/index.tsx',
  '!./QuestionPage/index.tsx',
]);
const pages: Record<string, Loader> = Object.fromEntries(
  Object.entries(JOURNEY_PAGE_MODULES).map(([path, name]) => {
    const load = pageModules[`./${name}/index.tsx`];
    if (!load) throw new Error(`No journey page ${name} for ${path}`);
    return [path, () => load().then((module) => module[name] as ComponentType)];
  }),
);

/** How long a page waits for the loan catalog before it shows, saying it is loading. */
const CATALOG_WAIT_MS = 3000;

/** The loan catalog, loaded (or failed: the page then offers to retry), or a short wait over.
 *  A page that has it when it first shows never shows "Loading…" and then moves its content. */
function catalogOrTimeout(): Promise<void> {
  const catalog = import('./catalog').then((m) => m.loadCatalog());
  return Promise.race([catalog, new Promise<void>((done) => setTimeout(done, CATALOG_WAIT_MS))]);
}

/** The journey's pages as routes of the app. */
export const journeyRoutes = Object.entries(pages).map(([path, load]) => ({
  path,
  load: () =>
    Promise.all([load(), loadAllStrings(), startJourneyOnce(), catalogOrTimeout()]).then(
      ([component]) => component,
    ),
}));

/** The page Continue usually leads to from a journey page (the next step), or that a sent
 *  application's page links to (My applications), to load ahead. */
export function likelyNextJourneyPaths(path: string): readonly string[] {
  // Loaded ahead, the page is on screen in the frame the link is followed, so the link is not
  // gone before the new heading takes focus: Orca reads a focused heading only when the thing
  // it was on is still there.
  if (path === SIDE_PAGES.confirmation) return [SIDE_PAGES.applications];
  const i = STEPS.findIndex((s) => s.path === path);
  const next = i >= 0 ? STEPS[i + 1] : undefined;
  return next ? [next.path] : [];
}
