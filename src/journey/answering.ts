import { effect, signal } from '@preact/signals';
import { location } from '../core/router';
import type { EnteredBy } from './answers';

/** Who is answering the page on screen, as the toggle on each question page says. Each new
 *  page starts with the customer: assisted-digital practice wants the applicant to type,
 *  and staff say so each time they take over. */
export const answeringNow = signal<EnteredBy>('applicant');

effect(() => {
  void location.value;
  answeringNow.value = 'applicant';
});
