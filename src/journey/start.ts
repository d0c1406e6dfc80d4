import { startOutbox } from '../sync/outbox-sender';
import { restoreAnswers } from './store';

/** Brings back the saved draft and starts sending anything waiting in the outbox. Loaded on
 *  its own so the first page does not carry the storage code; a failure here (storage
 *  blocked, say) leaves an empty application rather than no app. */
export async function startJourney(): Promise<void> {
  await restoreAnswers().catch(() => undefined);
  startOutbox();
}
