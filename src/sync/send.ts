import { postApplication } from './api';

/** How long one attempt to send may take before it counts as unanswered. */
export const SEND_TIMEOUT_MS = 20_000;

/** What came of pressing Send. */
export type SendOutcome =
  | ({ kind: 'sent' } & Receipt)
  | { kind: 'refused'; status: number; code: string; field: string | null }
  | { kind: 'unreachable' };

/** The server's receipt for a stored application. */
export interface Receipt {
  id: string;
  reference: string;
  accessToken: string;
  receivedAt: string;
  withdrawableUntil: string;
  status: string;
}

function isReceipt(body: unknown): body is Receipt {
  const b = body as Partial<Receipt> | null;
  return (
    typeof b?.id === 'string' &&
    typeof b.reference === 'string' &&
    typeof b.accessToken === 'string' &&
    typeof b.receivedAt === 'string' &&
    typeof b.withdrawableUntil === 'string'
  );
}

/** Sends an application once. Only the server's own receipt (a 201, or the replay of the
 *  original answer) counts as sent; a validation refusal comes back to the applicant; any
 *  other answer, or none, means "not sent yet", and the same key makes a retry safe. */
export async function sendApplication(body: unknown, idempotencyKey: string): Promise<SendOutcome> {
  try {
    // A request the network swallows (a half-open connection) must not hold the outbox
    // forever: after this long it counts as not sent, and the same key makes the retry safe.
    const answer = await postApplication(
      body,
      idempotencyKey,
      AbortSignal.timeout(SEND_TIMEOUT_MS),
    );
    if ((answer.status === 201 || answer.status === 200) && isReceipt(answer.body)) {
      return { kind: 'sent', ...answer.body };
    }
    const error = (answer.body as { error?: { code?: string; field?: string | null } } | null)
      ?.error;
    if ((answer.status === 400 || answer.status === 422) && error?.code) {
      return {
        kind: 'refused',
        status: answer.status,
        code: error.code,
        field: error.field ?? null,
      };
    }
    return { kind: 'unreachable' };
  } catch {
    return { kind: 'unreachable' };
  }
}
