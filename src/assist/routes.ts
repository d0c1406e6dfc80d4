import type { ComponentType } from 'preact';
import { ASSIST_PATHS } from '../core/assist-paths';
import { loadAllStrings } from '../core/i18n';
import { startJourneyOnce } from '../journey/routes';

type Loader = () => Promise<ComponentType>;

// Each page is its own chunk. Pages that read or replace the application wait for the saved
// draft to be restored first, so a restored code is not overwritten by the old draft.
const pages: [string, Loader, boolean][] = [
  [ASSIST_PATHS.staff, () => import('./StaffPage').then((m) => m.StaffPage), false],
  [ASSIST_PATHS.endSession, () => import('./EndSessionPage').then((m) => m.EndSessionPage), true],
  [
    ASSIST_PATHS.sessionEnded,
    () => import('./SessionEndedPage').then((m) => m.SessionEndedPage),
    false,
  ],
  [ASSIST_PATHS.handOver, () => import('./HandOverPage').then((m) => m.HandOverPage), true],
  [ASSIST_PATHS.newCode, () => import('./NewCodePage').then((m) => m.NewCodePage), true],
  [ASSIST_PATHS.redeemCode, () => import('./RedeemCodePage').then((m) => m.RedeemCodePage), true],
];

/** The assisted-session and resume-code pages as routes of the app. */
export const assistRoutes = pages.map(([path, load, needsJourney]) => ({
  path,
  load: () =>
    Promise.all([load(), loadAllStrings(), needsJourney ? startJourneyOnce() : null]).then(
      ([component]) => component,
    ),
}));
