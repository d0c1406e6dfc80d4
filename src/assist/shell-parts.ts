import { AssistBanner } from './AssistBanner';
import { IdleWatch } from './IdleWatch';

/** What the shell shows of an assisted session: the staff banner in the header, and the idle
 *  watch. One module, so that the shell asks for them in one request. */
export const assistShellParts = { Banner: AssistBanner, Idle: IdleWatch };
