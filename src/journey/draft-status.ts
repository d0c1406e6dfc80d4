import { signal } from '@preact/signals';

// Kept apart from the store so Welcome and the shell can read these without loading the
// storage code (IndexedDB, encryption) into the first page's bundle.

/** Where "Continue your application" leads, or null when there is no draft to continue. */
export const resumePath = signal<string | null>(null);

/** Set when the device refused to save the draft because it is full; cleared by the next
 *  save that works. The answers stay on the page meanwhile. */
export const isStorageFull = signal(false);
