import { navigateAfresh } from '../core/router';
import { staffSession } from '../core/staff-session';
import { putAway } from './issued-code';
import { signOutStaff } from './sign-out';

/** When nobody answered the idle warning: the draft is put away on this tablet, sealed, for
 *  the staff member who was helping (or, with nobody signed in, for any branch staff), and
 *  opens only after staff sign in here again; no code is shown, since whoever walks up next
 *  could read it. Staff are signed out, and the screen goes back to Welcome with nothing of
 *  this visit left in the tab's back list. */
export async function putApplicationAway(): Promise<void> {
  // Loaded now: the storage code stays out of the first page's bundle.
  const [store, drafts] = await Promise.all([
    import('../journey/store'),
    import('../storage/draft'),
  ]);
  await store.flushDraft();
  const staffId = staffSession.value?.staff.id ?? null;
  const hasDraft = store.hasAnswers() && (await drafts.parkDraft(staffId));
  store.resetAnswers();
  await store.flushDraft();
  await signOutStaff();
  putAway.value = hasDraft ? { kind: 'parked' } : null;
  await navigateAfresh('/');
}
