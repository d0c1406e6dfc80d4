import { signal } from '@preact/signals';

/** What happened to the application when a shared tablet was left idle, for Welcome to say:
 *  it was put away on the tablet for staff to open. Nothing personal, and kept in memory
 *  only, until the person closes the notice or moves on. */
export type PutAway = { kind: 'parked' } | null;

/** The last idle timeout's result, until the notice is closed. */
export const putAway = signal<PutAway>(null);
