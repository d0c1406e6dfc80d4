import { signal } from '@preact/signals';
import { clearSessionDraft, loadSessionDraft, saveSessionDraft } from '../storage/session-draft';
import { type Answers, emptyAnswers } from './answers';

function restore(): Answers {
  const saved = loadSessionDraft();
  const base = emptyAnswers();
  if (typeof saved !== 'object' || saved === null) return base;
  // Only known keys of the right type are taken back, so an old or damaged draft cannot
  // put the journey into a state it does not expect.
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(saved)) {
    const expected = base[key as keyof Answers];
    if (!(key in base)) continue;
    if (expected === null || typeof value === typeof expected) result[key] = value;
  }
  return result as unknown as Answers;
}

/** The application in progress. Views read it; they change it only through saveAnswers. */
export const answers = signal<Answers>(restore());

/** Records answers (on Continue, and as fields change) and keeps them for this tab. */
export function saveAnswers(change: Partial<Answers>): void {
  answers.value = { ...answers.value, ...change };
  saveSessionDraft(answers.value);
}

/** Starts a new application, forgetting the old answers. */
export function resetAnswers(): void {
  answers.value = emptyAnswers();
  clearSessionDraft();
}
