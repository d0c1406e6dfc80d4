/** Reads drafts left in sessionStorage by versions of Kindly before drafts moved to the
 *  encrypted IndexedDB store, so a tab open across that update loses nothing. */
const KEY = 'kindly.draft';

/** Reads the old-style draft, or null when there is none or it cannot be read. */
export function loadSessionDraft(): unknown {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/** Forgets the old-style draft once it has been taken over. */
export function clearSessionDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to clear when storage is blocked.
  }
}
