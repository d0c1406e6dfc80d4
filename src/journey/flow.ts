import type { Answers } from './answers';

/** The question pages of an application, in order; each counts as a numbered step. */
export const STEPS = [
  { id: 'choose-loan', path: '/apply' },
  { id: 'amount', path: '/apply/amount' },
  { id: 'term', path: '/apply/term' },
  { id: 'repayment', path: '/apply/repayment' },
  { id: 'about-you', path: '/apply/about-you' },
  { id: 'income', path: '/apply/income' },
  { id: 'trusted-contact', path: '/apply/trusted-contact' },
  { id: 'safety', path: '/apply/safety' },
  { id: 'check', path: '/apply/check' },
  { id: 'understand', path: '/apply/understand' },
  { id: 'declaration', path: '/apply/declaration' },
] as const;

/** A numbered step of the journey. */
export type StepId = (typeof STEPS)[number]['id'];

/** Pages outside the numbered steps that the flow can lead to. */
export const SIDE_PAGES = {
  affordability: '/apply/affordability',
  safetyStop: '/apply/safety-stop',
  confirmation: '/apply/confirmation',
  handOver: '/apply/hand-over',
  applications: '/applications',
  offer: '/applications/offer',
} as const;

/** Where a step lives. */
export function pathOf(step: StepId): string {
  return STEPS.find((s) => s.id === step)?.path ?? '/apply';
}

/** "Step n of N" for a step: its position and the count. */
export function stepNumber(step: StepId): { number: number; total: number } {
  return { number: STEPS.findIndex((s) => s.id === step) + 1, total: STEPS.length };
}

/** The step before this one (for the back link), or null on the first. */
export function previousStep(step: StepId): StepId | null {
  const i = STEPS.findIndex((s) => s.id === step);
  return i > 0 ? (STEPS[i - 1]?.id ?? null) : null;
}

/** What the flow needs to know beyond the answers to decide where Continue goes. */
export interface FlowFacts {
  /** The instalment fits the applicant's stated income (the loan engine's affordability). */
  isAffordable: boolean;
  /** Which steps are answered and valid. */
  isComplete: (step: StepId) => boolean;
  /** The person came from check-your-answers with a "Change" link. */
  isChangingFromCheck: boolean;
  /** Branch staff are helping: the tablet is handed to the applicant before the safety
   *  question, which only the applicant may answer. */
  isAssisted?: boolean;
  /** Staff have handed the tablet to the applicant for this application. */
  isHandedOver?: boolean;
}

/** Where Continue leads from a step whose answers are valid. */
export function nextPath(step: StepId, answers: Answers, facts: FlowFacts): string {
  if (step === 'income' && !facts.isAffordable) return SIDE_PAGES.affordability;
  if (step === 'safety' && answers.pressured === 'yes') return SIDE_PAGES.safetyStop;
  if (step === 'declaration') return SIDE_PAGES.confirmation;
  // While staff hold the tablet, the way on from the pages staff may answer leads through
  // the hand-over: from the safety question on, the applicant answers alone.
  const isStaffHolding = facts.isAssisted && !facts.isHandedOver;
  if (isStaffHolding && (step === 'trusted-contact' || step === 'check')) {
    return SIDE_PAGES.handOver;
  }
  // A change made from check-your-answers goes straight back there, unless it left an
  // earlier step unanswered (a new loan needs a new amount and term, say).
  if (facts.isChangingFromCheck) {
    const gap = firstIncompleteStep(facts.isComplete, 'check');
    return gap ? `${pathOf(gap)}?change=1` : pathOf('check');
  }
  const i = STEPS.findIndex((s) => s.id === step);
  return STEPS[i + 1]?.path ?? pathOf('check');
}

/** The first step before `upTo` that is not answered yet, or null when all are. */
export function firstIncompleteStep(
  isComplete: (step: StepId) => boolean,
  upTo: StepId,
): StepId | null {
  for (const s of STEPS) {
    if (s.id === upTo) return null;
    if (!isComplete(s.id)) return s.id;
  }
  return null;
}

/** Which page to send the applicant back to for a field the server refused. */
export function stepForRefusedField(field: string | null | undefined): StepId {
  if (!field) return 'check';
  if (field.startsWith('applicant')) return 'about-you';
  if (field.startsWith('income')) return 'income';
  if (field.startsWith('trustedContact')) return 'trusted-contact';
  if (field === 'amount') return 'amount';
  if (field === 'months') return 'term';
  if (field === 'method' || field.startsWith('figures')) return 'repayment';
  if (field === 'productId') return 'choose-loan';
  return 'check';
}
