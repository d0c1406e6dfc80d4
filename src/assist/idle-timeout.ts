import { navigate } from '../core/router';
import { createResumeCode } from '../sync/api';
import { putAway } from './issued-code';

/** When nobody answered the idle warning: the draft is saved, sealed, on this tablet; if the
 *  bank can be reached it moves to the server behind a resume code and leaves the tablet;
 *  then the screen goes back to Welcome, which shows the code (or says the draft stayed). */
export async function putApplicationAway(): Promise<void> {
  const store = await import('../journey/store');
  await store.flushDraft();
  if (!store.hasAnswers()) {
    putAway.value = null;
    navigate('/');
    return;
  }
  putAway.value = { kind: 'local' };
  if (navigator.onLine) {
    try {
      const answer = await createResumeCode(store.draftForTransfer());
      const body = answer.body;
      if (answer.status === 201 && body && typeof body.code === 'string') {
        store.resetAnswers();
        await store.flushDraft();
        putAway.value = { kind: 'code', code: body.code, expiresAt: body.expiresAt };
      }
    } catch {
      // Unreachable after all: the sealed draft stays on the tablet, and Welcome says so.
    }
  }
  navigate('/');
}
