import { signal } from '@preact/signals';

/** An application whose state changed since the applicant last saw it, found when the app
 *  opened: its reference, and the page that shows the answer. */
export interface AnswerNewsItem {
  reference: string;
  href: string;
}

/** What the app found when it opened online; shown once, in the frame of every page. Kept
 *  apart from the check itself, so the shell carries only this signal. */
export const answerNews = signal<AnswerNewsItem[]>([]);
