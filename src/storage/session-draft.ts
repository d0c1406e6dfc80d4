/** Keeps the application in progress in this tab's sessionStorage, so a reload or a
 *  language change loses nothing. (Drafts that survive closing the tab are the job of the
 *  encrypted IndexedDB store.) */
const KEY = 'kindly.draft';

/** Reads the saved draft, or null when there is none or it cannot be read. */
export function loadSessionDraft(): unknown {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

/** Saves the draft; returns false when the browser refused (storage full or blocked). */
export function saveSessionDraft(draft: unknown): boolean {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** Forgets the draft (after sending, or when the person starts again). */
export function clearSessionDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to clear when storage is blocked.
  }
}
