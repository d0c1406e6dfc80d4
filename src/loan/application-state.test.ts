import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATES,
  type ApplicationEvent,
  type ApplicationState,
  isInQueue,
  isUndecided,
  nextState,
} from './application-state';

const offer = (needsSecondReviewer: boolean): ApplicationEvent => ({
  type: 'offer',
  needsSecondReviewer,
});

// Every event once, so that each state is tried against each of them.
const EVENTS: ApplicationEvent[] = [
  { type: 'call-first' },
  offer(false),
  offer(true),
  { type: 'approve', reviewer: 'S-B', proposedBy: 'S-A' },
  { type: 'decline' },
  { type: 'accept' },
  { type: 'refuse' },
  { type: 'lapse' },
  { type: 'withdraw' },
];

// The whole diagram of docs/lending.md as a table: state, event, state after.
const ALLOWED: [ApplicationState, number, ApplicationState][] = [
  ['received', 0, 'call-first'],
  ['received', 1, 'offered'],
  ['received', 2, 'awaiting-approval'],
  ['received', 4, 'declined'],
  ['received', 8, 'withdrawn'],
  ['call-first', 1, 'offered'],
  ['call-first', 2, 'awaiting-approval'],
  ['call-first', 4, 'declined'],
  ['call-first', 8, 'withdrawn'],
  ['awaiting-approval', 3, 'offered'],
  ['awaiting-approval', 4, 'declined'],
  ['awaiting-approval', 8, 'withdrawn'],
  ['offered', 5, 'accepted'],
  ['offered', 6, 'refused'],
  ['offered', 7, 'lapsed'],
  ['offered', 8, 'withdrawn'],
  ['accepted', 8, 'withdrawn'],
];

describe('nextState', () => {
  it('allows exactly the steps of the diagram and refuses every other', () => {
    for (const state of APPLICATION_STATES) {
      EVENTS.forEach((event, index) => {
        const allowed = ALLOWED.find(([from, e]) => from === state && e === index);
        const result = nextState(state, event);
        if (allowed) expect(result, `${state} + ${index}`).toEqual({ ok: true, state: allowed[2] });
        else expect(result, `${state} + ${index}`).toEqual({ ok: false, reason: 'not-allowed' });
      });
    }
  });

  it('refuses the agreement to an offer from the reviewer who proposed it', () => {
    expect(
      nextState('awaiting-approval', { type: 'approve', reviewer: 'S-A', proposedBy: 'S-A' }),
    ).toEqual({ ok: false, reason: 'same-reviewer' });
  });

  it('never lets a withdrawn, declined or finished application be decided again', () => {
    for (const state of ['withdrawn', 'declined', 'refused', 'lapsed', 'accepted'] as const) {
      expect(isUndecided(state)).toBe(false);
      expect(isInQueue(state)).toBe(false);
      for (const event of [
        offer(false),
        { type: 'decline' as const },
        { type: 'call-first' as const },
      ]) {
        expect(nextState(state, event).ok).toBe(false);
      }
    }
  });

  it('keeps an offer waiting for a second reviewer in the queue, but not open to a new decision', () => {
    expect(isInQueue('awaiting-approval')).toBe(true);
    expect(isUndecided('awaiting-approval')).toBe(false);
  });
});
