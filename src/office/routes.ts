// The back office's pages as routes of the app. Each is its own chunk, loaded only when a
// reviewer opens it: nothing of the office reaches an applicant's first page.
import { loadAllStrings, loadStringsIn } from '../core/i18n';
import type { Route } from '../core/routes';
import { OFFICE_PATHS } from './paths';

/** The queue and an application's page. The application's page shows the applicant's
 *  wording of a decline in both languages, so it loads both languages' strings. */
export const officeRoutes: readonly Route[] = [
  {
    path: OFFICE_PATHS.queue,
    load: () =>
      Promise.all([import('./QueuePage').then((m) => m.QueuePage), loadAllStrings()]).then(
        ([page]) => page,
      ),
  },
  {
    path: OFFICE_PATHS.application,
    load: () =>
      Promise.all([
        import('./ApplicationPage').then((m) => m.ApplicationPage),
        loadAllStrings(),
        loadStringsIn('en'),
        loadStringsIn('zh-CN'),
      ]).then(([page]) => page),
  },
];
