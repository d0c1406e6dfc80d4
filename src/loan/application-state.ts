// Where an application stands on its way from the applicant to the lender and back, and which
// step may follow which. Pure: the server asks it before it writes a change, the app asks it
// which words to show, and both see the same rules.

/** Every state an application can be in. */
export const APPLICATION_STATES = [
  'received',
  'call-first',
  'awaiting-approval',
  'offered',
  'declined',
  'accepted',
  'refused',
  'lapsed',
  'withdrawn',
] as const;

/** Where an application stands. */
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** Something that happens to an application: a reviewer's decision, the applicant's answer to
 *  an offer, the offer's time running out, or the applicant withdrawing. */
export type ApplicationEvent =
  | { type: 'call-first' }
  /** An offer; `needsSecondReviewer` when its amount is above what one reviewer may offer. */
  | { type: 'offer'; needsSecondReviewer: boolean }
  /** A second reviewer agrees to an offer another reviewer proposed. */
  | { type: 'approve'; reviewer: string; proposedBy: string }
  | { type: 'decline' }
  | { type: 'accept' }
  | { type: 'refuse' }
  | { type: 'lapse' }
  | { type: 'withdraw' };

/** What a step comes to: the new state, or why it may not be taken. */
export type Transition =
  | { ok: true; state: ApplicationState }
  | { ok: false; reason: 'not-allowed' | 'same-reviewer' };

/** The reasons a reviewer may give for declining, each worded for the applicant in both
 *  languages (locales, decline.*). */
export const DECLINE_REASONS = [
  'repayments-too-high',
  'age-outside-product',
  'identity-not-confirmed',
  'other-debts',
  'not-for-this-purpose',
] as const;

/** Days in which a borrower may withdraw from an agreement, without giving a reason, counted
 *  from when it was made: the server sets the deadline, the offer page states the right. */
export const AGREEMENT_WITHDRAW_DAYS = 14;

/** A reason for declining. */
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** States in which a reviewer may still decide (offer, decline, ask to call first). */
const UNDECIDED: ReadonlySet<ApplicationState> = new Set(['received', 'call-first']);

/** States an applicant may withdraw from (the store also holds them to the time allowed). */
const WITHDRAWABLE: ReadonlySet<ApplicationState> = new Set([
  'received',
  'call-first',
  'awaiting-approval',
  'offered',
  'accepted',
]);

/** Whether a reviewer's decision may be made on an application in this state. */
export function isUndecided(state: ApplicationState): boolean {
  return UNDECIDED.has(state);
}

/** Whether an application in this state is the back office's to look at. */
export function isInQueue(state: ApplicationState): boolean {
  return UNDECIDED.has(state) || state === 'awaiting-approval';
}

/** The state after `event`, or why the event cannot happen in `state`. */
export function nextState(state: ApplicationState, event: ApplicationEvent): Transition {
  const to = (next: ApplicationState): Transition => ({ ok: true, state: next });
  const refused: Transition = { ok: false, reason: 'not-allowed' };
  switch (event.type) {
    case 'call-first':
      return state === 'received' ? to('call-first') : refused;
    case 'offer':
      if (!UNDECIDED.has(state)) return refused;
      return to(event.needsSecondReviewer ? 'awaiting-approval' : 'offered');
    case 'approve':
      if (state !== 'awaiting-approval') return refused;
      // Four eyes: the agreement must come from someone other than who proposed the offer.
      if (event.reviewer === event.proposedBy) return { ok: false, reason: 'same-reviewer' };
      return to('offered');
    case 'decline':
      return UNDECIDED.has(state) || state === 'awaiting-approval' ? to('declined') : refused;
    case 'accept':
      return state === 'offered' ? to('accepted') : refused;
    case 'refuse':
      return state === 'offered' ? to('refused') : refused;
    case 'lapse':
      return state === 'offered' ? to('lapsed') : refused;
    case 'withdraw':
      return WITHDRAWABLE.has(state) ? to('withdrawn') : refused;
  }
}
