import { describe, expect, it } from 'vitest';
import { emptyAnswers } from './answers';
import {
  type FlowFacts,
  firstIncompleteStep,
  nextPath,
  pathOf,
  previousStep,
  SIDE_PAGES,
  STEPS,
  stepNumber,
} from './flow';

const allComplete: FlowFacts = {
  isAffordable: true,
  isComplete: () => true,
  isChangingFromCheck: false,
};

describe('the journey flow', () => {
  it('goes through the steps in order, numbering them in words', () => {
    const a = emptyAnswers();
    expect(nextPath('choose-loan', a, allComplete)).toBe('/apply/amount');
    expect(nextPath('amount', a, allComplete)).toBe('/apply/term');
    expect(nextPath('check', a, allComplete)).toBe('/apply/understand');
    expect(nextPath('declaration', a, allComplete)).toBe('/apply/confirmation');
    expect(stepNumber('term')).toEqual({ number: 3, total: STEPS.length });
    expect(previousStep('amount')).toBe('choose-loan');
    expect(previousStep('choose-loan')).toBeNull();
  });

  it('sends an unaffordable loan to the affordability page instead of onwards', () => {
    const a = { ...emptyAnswers(), incomeBand: 'under-2000' as const };
    expect(nextPath('income', a, { ...allComplete, isAffordable: false })).toBe(
      '/apply/affordability',
    );
    expect(nextPath('income', a, allComplete)).toBe('/apply/trusted-contact');
  });

  it('stops at the safety page when someone is pressuring the applicant', () => {
    const a = { ...emptyAnswers(), pressured: 'yes' as const };
    expect(nextPath('safety', a, allComplete)).toBe('/apply/safety-stop');
    expect(nextPath('safety', { ...a, pressured: 'no' }, allComplete)).toBe('/apply/check');
  });

  it('skipping the trusted contact goes straight to the safety check', () => {
    const a = { ...emptyAnswers(), contactChoice: 'skip' as const };
    expect(nextPath('trusted-contact', a, allComplete)).toBe('/apply/safety');
  });

  it('a change made from check-your-answers returns there', () => {
    const facts = { ...allComplete, isChangingFromCheck: true };
    expect(nextPath('about-you', emptyAnswers(), facts)).toBe('/apply/check');
    expect(nextPath('amount', emptyAnswers(), facts)).toBe('/apply/check');
  });

  it('a change that leaves an earlier step unanswered goes there first, still changing', () => {
    const facts = {
      ...allComplete,
      isChangingFromCheck: true,
      isComplete: (step: string) => step !== 'term',
    };
    expect(nextPath('choose-loan', emptyAnswers(), facts)).toBe('/apply/term?change=1');
  });

  it('finds the first unanswered step before a page', () => {
    const done = new Set(['choose-loan', 'amount']);
    expect(firstIncompleteStep((s) => done.has(s), 'about-you')).toBe('term');
    expect(firstIncompleteStep((s) => done.has(s), 'term')).toBeNull();
  });
});

describe('an assisted application', () => {
  const facts = (isAssisted: boolean, isHandedOver = false): FlowFacts => ({
    isAffordable: true,
    isComplete: () => true,
    isChangingFromCheck: false,
    isAssisted,
    isHandedOver,
  });
  it('hands the tablet over before the safety question, which staff never see', () => {
    expect(nextPath('trusted-contact', emptyAnswers(), facts(true))).toBe(SIDE_PAGES.handOver);
    expect(nextPath('trusted-contact', emptyAnswers(), facts(false))).toBe(pathOf('safety'));
    expect(nextPath('trusted-contact', emptyAnswers(), facts(true, true))).toBe(pathOf('safety'));
  });
  it('goes from check-your-answers to the teach-back only once the tablet is handed over', () => {
    expect(nextPath('check', emptyAnswers(), facts(true))).toBe(SIDE_PAGES.handOver);
    expect(nextPath('check', emptyAnswers(), facts(true, true))).toBe(pathOf('understand'));
    expect(nextPath('check', emptyAnswers(), facts(false))).toBe(pathOf('understand'));
  });
});
