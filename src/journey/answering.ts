import { signal } from '@preact/signals';
import type { EnteredBy } from './answers';

/** Who is answering the page on screen, as the toggle on each question page says. It keeps
 *  the last choice from page to page, so staff who typed one page for the customer are not
 *  quietly recorded as the customer on the next; the hand-over gives it back to the customer. */
export const answeringNow = signal<EnteredBy>('applicant');

/** True once staff have handed the tablet to the customer for this application: from then
 *  on the customer answers alone (the safety question, the teach-back, the declaration).
 *  Kept in memory only, so a reload asks for the hand-over again. */
export const isHandedOver = signal(false);

/** Staff hand the tablet over: the customer answers from here on. */
export function handOver(): void {
  isHandedOver.value = true;
  answeringNow.value = 'applicant';
}

/** A new application, or a new session: the customer answers and nothing is handed over yet. */
export function resetAnswering(): void {
  isHandedOver.value = false;
  answeringNow.value = 'applicant';
}
