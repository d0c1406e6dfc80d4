import { signal } from '@preact/signals';

// Kept apart from the store so Welcome and the shell can read these without loading the
// storage code (IndexedDB, encryption) into the first page's bundle.

/** Where "Continue your application" leads, or null when there is no draft to continue. */
export const resumePath = signal<string | null>(null);

/** Set when the device refused to save the draft because it is full; cleared by the next
 *  save that works. The answers stay on the page meanwhile. */
export const isStorageFull = signal(false);

/** False until the saved draft has been read, which happens just after the first render. */
export const isDraftRestored = signal(false);

// A flag (no personal data) saying the last visit left a draft, so that Welcome can keep the
// place of "Continue your application" while the draft is read instead of pushing the page
// down when it appears.
const DRAFT_LEFT_KEY = 'kindly.draftLeft';

/** Whether the last visit on this device left a draft to continue (a hint; the draft decides). */
export function wasDraftLeft(): boolean {
  try {
    return localStorage.getItem(DRAFT_LEFT_KEY) === '1';
  } catch {
    return false;
  }
}

/** Records whether a draft is there to continue next time. */
export function rememberDraftLeft(isLeft: boolean): void {
  try {
    if (isLeft) localStorage.setItem(DRAFT_LEFT_KEY, '1');
    else localStorage.removeItem(DRAFT_LEFT_KEY);
  } catch {
    // Storage blocked: Welcome shows the link when the draft is read, without a kept place.
  }
}
