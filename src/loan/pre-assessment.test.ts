import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { largestInstalment } from './affordability';
import { buildSchedule, loanTermsFor, parseCatalog } from './index';
import { needsSecondReviewer, type PreAssessmentInput, preAssess } from './pre-assessment';
import { sampleApplication } from './test-fixtures';

const catalog = parseCatalog(
  JSON.parse(readFileSync(new URL('./catalog/products.json', import.meta.url), 'utf8')),
);
const product = catalog.products.find((p) => p.id === 'home-repair') ?? catalog.products[0];
const TODAY = '2026-03-02';

function input(change: (i: PreAssessmentInput) => void = () => {}): PreAssessmentInput {
  const body = sampleApplication(product);
  const result: PreAssessmentInput = { ...structuredClone(body), hasUnverifiedStaffHelp: false };
  change(result);
  return result;
}

describe('preAssess', () => {
  it('finds a plain application meeting every rule, with its figures from the loan engine', () => {
    const result = preAssess(product, input(), TODAY);
    expect(result).toMatchObject({
      outcome: 'meets',
      reasons: [],
      age: 57,
      idChecks: { isValid: true, isBirthDateSame: true },
    });
    const schedule = buildSchedule(
      loanTermsFor(product, {
        principal: product.amount.min,
        months: product.terms[0],
        method: product.methods[0],
      }),
    );
    expect(result.affordability.largestInstalment).toBe(largestInstalment(schedule));
    // ¥4,000 (the band's lower edge) × the product's 40%.
    expect(result.affordability.affordableInstalment).toBe(160_000);
  });

  it('asks for a call first when the repayments would take more than the product allows', () => {
    const result = preAssess(
      product,
      input((i) => {
        i.income.existingRepayments = 159_000;
      }),
      TODAY,
    );
    expect(result.outcome).toBe('call-first');
    expect(result.reasons).toEqual(['repayments-too-high']);
  });

  it('reads the affordable share from the product, not a fixed number', () => {
    const generous = { ...product, review: { ...product.review, affordableShare: 0.9 } };
    const tight = input((i) => {
      i.income.existingRepayments = 159_000;
    });
    expect(preAssess(generous, tight, TODAY).outcome).toBe('meets');
  });

  it('asks for a call first for an income not given, a struggle to understand, or staff help not verified', () => {
    expect(
      preAssess(
        product,
        input((i) => {
          i.income.monthlyIncomeBand = 'rather-not-say';
          i.teachBack.attempts = product.review.teachBackAttempts + 1;
          i.hasUnverifiedStaffHelp = true;
        }),
        TODAY,
      ),
    ).toMatchObject({
      outcome: 'call-first',
      reasons: ['income-not-given', 'teach-back-not-understood', 'staff-help-not-verified'],
      affordability: { affordableInstalment: null },
    });
    expect(
      preAssess(
        product,
        input((i) => {
          i.teachBack.attempts = product.review.teachBackAttempts;
        }),
        TODAY,
      ).outcome,
    ).toBe('meets');
  });

  it('finds a rule not met for an age outside the product, terms it does not offer, or an ID that does not check', () => {
    const old = preAssess(
      product,
      input((i) => {
        i.applicant.dateOfBirth = '1940-01-01';
      }),
      TODAY,
    );
    expect(old.outcome).toBe('fails');
    expect(old.reasons).toEqual(['age-above-maximum', 'id-birth-date-differs']);
    const offTerms = preAssess(
      product,
      input((i) => {
        i.amount = product.amount.min + 1;
      }),
      TODAY,
    );
    expect(offTerms).toMatchObject({
      outcome: 'fails',
      reasons: ['terms-not-offered'],
      affordability: { largestInstalment: null },
    });
    const badId = preAssess(
      product,
      input((i) => {
        i.applicant.idNumber = '310104196803151235';
      }),
      TODAY,
    );
    expect(badId).toMatchObject({
      outcome: 'fails',
      reasons: ['id-check-failed'],
      idChecks: { isValid: false, isBirthDateSame: null },
    });
  });
});

describe('needsSecondReviewer', () => {
  it('asks for four eyes only above the amount the product names', () => {
    expect(needsSecondReviewer(product, product.review.fourEyesAbove)).toBe(false);
    expect(needsSecondReviewer(product, product.review.fourEyesAbove + 1)).toBe(true);
  });
});
