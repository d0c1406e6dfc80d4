import type { ApiAnswer } from '../../sync/api';

/** Why signing in did not work, as the form says it, and the field it is about. */
export interface SignInProblem {
  code:
    | 'staffIdMissing'
    | 'passcodeMissing'
    | 'wrong'
    | 'locked'
    | 'tooMany'
    | 'offline'
    | 'failed';
  field: 'staff-id' | 'passcode';
  /** When a locked account opens again (ISO time). */
  lockedUntil?: string;
}

/** Reads the server's answer to a sign-in (null when it could not be reached): null when it
 *  worked, else what to tell staff. */
export function signInProblem(answer: ApiAnswer | null, isOnline: boolean): SignInProblem | null {
  if (answer === null) return { code: isOnline ? 'failed' : 'offline', field: 'staff-id' };
  if (answer.status === 201) return null;
  const error = (answer.body as { error?: { code?: string; lockedUntil?: string } } | null)?.error;
  if (answer.status === 423 && typeof error?.lockedUntil === 'string') {
    return { code: 'locked', field: 'staff-id', lockedUntil: error.lockedUntil };
  }
  if (answer.status === 401) return { code: 'wrong', field: 'staff-id' };
  if (answer.status === 429) return { code: 'tooMany', field: 'staff-id' };
  return { code: 'failed', field: 'staff-id' };
}
