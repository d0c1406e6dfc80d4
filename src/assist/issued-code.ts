import { signal } from '@preact/signals';

/** What happened to the application when a shared tablet was left idle, for Welcome to show:
 *  the code to carry on with, or that the draft stayed on the tablet (it was offline). Kept
 *  in memory only, and cleared once the person has noted it. */
export type PutAway = { kind: 'code'; code: string; expiresAt: string } | { kind: 'local' } | null;

/** The last idle timeout's result, until Welcome's "I have written it down". */
export const putAway = signal<PutAway>(null);
