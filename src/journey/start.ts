import { effect } from '@preact/signals';
import { startOutbox } from '../sync/outbox-sender';
import { isDraftRestored, rememberDraftLeft, resumePath } from './draft-status';
import { restoreAnswers } from './store';

/** Brings back the saved draft and starts sending anything waiting in the outbox. Loaded on
 *  its own, after the first render, so the first page does not wait for the storage code; a
 *  failure here (storage blocked, say) leaves an empty application rather than no app. */
export async function startJourney(): Promise<void> {
  await restoreAnswers().catch(() => undefined);
  isDraftRestored.value = true;
  effect(() => rememberDraftLeft(resumePath.value !== null));
  startOutbox();
}
