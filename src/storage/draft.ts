import { askToPersist, database, isQuotaError, seal, unseal } from './vault';

/** The application in progress as kept on the device: its answers, which application it
 *  is (the outbox uses the id so the same draft is never queued twice), and the page the
 *  applicant was on, so "Continue your application" can take them back there. */
export interface SavedDraft {
  draftId: string;
  answers: Record<string, unknown>;
  /** Who entered each answer (applicant or staff), when known. */
  enteredBy?: Record<string, unknown>;
  lastPath: string;
  savedAt: number;
}

/** What came of saving: kept, refused for lack of space, or failed for another reason. */
export type SaveResult = 'saved' | 'quota' | 'failed';

function isSavedDraft(value: unknown): value is SavedDraft {
  const v = value as Partial<SavedDraft> | null;
  return (
    typeof v?.draftId === 'string' &&
    typeof v.answers === 'object' &&
    v.answers !== null &&
    typeof v.lastPath === 'string'
  );
}

/** Reads the saved draft, or null when there is none or it cannot be opened. */
export async function loadDraft(): Promise<SavedDraft | null> {
  try {
    const db = await database();
    const record = await db.get('drafts', 'current');
    if (!record) return null;
    const value = await unseal(record);
    return isSavedDraft(value) ? value : null;
  } catch {
    return null;
  }
}

/** Saves the draft, sealed; the first save of a visit asks the browser to persist storage. */
export async function saveDraft(draft: SavedDraft): Promise<SaveResult> {
  let tx: { done: Promise<void>; error: DOMException | null } | null = null;
  try {
    askToPersist();
    const sealed = await seal(draft);
    const db = await database();
    const writing = db.transaction('drafts', 'readwrite', { durability: 'strict' });
    tx = writing;
    await Promise.all([writing.store.put({ id: 'current', ...sealed }), writing.done]);
    return 'saved';
  } catch (error) {
    // A full disk shows up on the request, or only on the transaction it aborted.
    await tx?.done.catch(() => undefined);
    return isQuotaError(error) || isQuotaError(tx?.error) ? 'quota' : 'failed';
  }
}

/** Forgets the draft (after it is in the outbox, or when the person starts again). */
export async function clearDraft(): Promise<void> {
  try {
    const db = await database();
    await db.delete('drafts', 'current');
  } catch {
    // Nothing to clear when storage is blocked.
  }
}
