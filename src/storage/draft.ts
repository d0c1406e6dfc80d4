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

const PARKED_PREFIX = 'parked:';

/** How long a draft put away on a shared tablet waits before it is deleted unopened. */
export const PARKED_FOR_MS = 48 * 60 * 60 * 1000;

/** A draft put away on a shared tablet, as listed: nothing personal, only whom it waits for
 *  and since when. */
export interface ParkedDraft {
  key: string;
  parkedFor: string | null;
  parkedAt: number;
}

/** Puts the draft in progress away, still sealed, for `staffId` (null: any branch staff),
 *  so that nothing opens it until staff sign in; the draft in progress is then gone. */
export async function parkDraft(staffId: string | null, now = Date.now()): Promise<boolean> {
  try {
    const db = await database();
    const tx = db.transaction('drafts', 'readwrite', { durability: 'strict' });
    const current = await tx.store.get('current');
    if (!current) return false;
    const key = `${PARKED_PREFIX}${crypto.randomUUID()}`;
    await Promise.all([
      tx.store.put({ ...current, id: key, parkedFor: staffId, parkedAt: now }),
      tx.store.delete('current'),
      tx.done,
    ]);
    return true;
  } catch {
    return false;
  }
}

/** The drafts put away on this tablet that `staffId` may open (theirs, and those any staff
 *  may open), oldest first; drafts older than PARKED_FOR_MS are deleted on the way. */
export async function listParked(staffId: string, now = Date.now()): Promise<ParkedDraft[]> {
  const all = await purgeParked(now);
  return all
    .filter((p) => p.parkedFor === null || p.parkedFor === staffId)
    .sort((a, b) => a.parkedAt - b.parkedAt);
}

/** Deletes drafts put away more than PARKED_FOR_MS ago; the ones left, for anyone. */
export async function purgeParked(now = Date.now()): Promise<ParkedDraft[]> {
  try {
    const db = await database();
    const tx = db.transaction('drafts', 'readwrite', { durability: 'strict' });
    const kept: ParkedDraft[] = [];
    for (const record of await tx.store.getAll()) {
      if (!record.id.startsWith(PARKED_PREFIX)) continue;
      const parkedAt = record.parkedAt ?? 0;
      if (now - parkedAt >= PARKED_FOR_MS) await tx.store.delete(record.id);
      else kept.push({ key: record.id, parkedFor: record.parkedFor ?? null, parkedAt });
    }
    await tx.done;
    return kept;
  } catch {
    return [];
  }
}

/** Opens a draft put away for `staffId` (or for any staff) and deletes it from where it
 *  waited; null when it is not theirs, gone, or cannot be opened. */
export async function takeParked(key: string, staffId: string): Promise<SavedDraft | null> {
  try {
    const db = await database();
    const record = await db.get('drafts', key);
    if (!record?.id.startsWith(PARKED_PREFIX)) return null;
    if (record.parkedFor !== null && record.parkedFor !== staffId) return null;
    const value = await unseal(record);
    await db.delete('drafts', key);
    return isSavedDraft(value) ? value : null;
  } catch {
    return null;
  }
}
