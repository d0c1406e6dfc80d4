import { AssistBanner } from './AssistBanner';
import { IdleWatch } from './IdleWatch';
import { ReaderPrecache } from './ReaderPrecache';

/** What the shell shows of an assisted session: the staff banner in the header, the idle
 *  watch, and the card reader kept ahead of need on a branch tablet. One module, so that the
 *  shell asks for them in one request. */
export const assistShellParts = { Banner: AssistBanner, Idle: IdleWatch, Precache: ReaderPrecache };
