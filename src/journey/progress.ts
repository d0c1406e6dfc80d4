import { isAssisted } from '../core/staff-session';
import { localToday } from '../loan/application';
import { isHandedOver } from './answering';
import { incomeFloor } from './answers';
import { catalogState, findProduct } from './catalog';
import type { FlowFacts, StepId } from './flow';
import { amountProblem, factsOf, instalmentFits, type ProductFacts } from './product-view';
import { answers } from './store';
import { validateAboutYou, validateTrustedContact } from './validation';

/** After this many tries the teach-back question lets the applicant go on. */
export const MAX_TEACH_BACK_ATTEMPTS = 3;

/** Whether a step's answers are given and valid, judged from the answers alone. */
export function isStepComplete(step: StepId, product: ProductFacts | null): boolean {
  const a = answers.value;
  switch (step) {
    case 'choose-loan':
      return product !== null;
    case 'amount':
      return product !== null && a.amount !== null && amountProblem(product, a.amount) === null;
    case 'term':
      return product !== null && a.months !== null && product.terms.includes(a.months);
    case 'repayment':
      return product !== null && a.method !== null && product.methods.includes(a.method);
    case 'about-you':
      return validateAboutYou(a, product ?? { minAge: 18, maxAge: 100 }, localToday()).length === 0;
    case 'income':
      return (
        a.incomeBand !== null && a.incomeBand !== 'rather-not-say' && a.existingRepayments !== null
      );
    case 'trusted-contact':
      return a.contactChoice !== null && validateTrustedContact(a).length === 0;
    case 'safety':
      return a.pressured === 'no';
    case 'check':
      return true;
    case 'understand':
      // Never blocks forever: after three tries the figures have been explained each time.
      return a.teachBackCorrect || a.teachBackAttempts >= MAX_TEACH_BACK_ATTEMPTS;
    case 'declaration':
      return a.declarationAccepted;
  }
}

/** The facts the flow needs, for the product chosen now. */
export function currentFlowFacts(isChangingFromCheck: boolean): FlowFacts {
  const found = findProduct(catalogState.value, answers.value.productId);
  const product = found ? factsOf(found) : null;
  const a = answers.value;
  const income = incomeFloor(a.incomeBand);
  return {
    isChangingFromCheck,
    isAssisted: isAssisted.value,
    isHandedOver: isHandedOver.value,
    isComplete: (step) => isStepComplete(step, product),
    isAffordable:
      product === null ||
      income === null ||
      a.amount === null ||
      a.months === null ||
      instalmentFits(product, a.amount, a.months, a.method ?? product.methods[0] ?? 'annuity', {
        monthlyIncome: income,
        existingRepayments: a.existingRepayments ?? 0,
      }),
  };
}

/** For pages: a function giving the flow facts at the moment Continue is pressed. */
export function useFlowFacts(): (isChangingFromCheck: boolean) => FlowFacts {
  return currentFlowFacts;
}
