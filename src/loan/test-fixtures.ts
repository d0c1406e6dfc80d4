// One valid application, shared by the loan tests, the server's tests and bench:server, so
// that a change to the application's shape is made in one place.
import { type ApplicationBody, disclosedFigures } from './application';
import { buildSchedule, type Product } from './index';

/** The terms of an application: amount (minor units), months and repayment method. */
export type ApplicationTerms = Pick<ApplicationBody, 'amount' | 'months' | 'method'>;

/** The figures the loan engine gives for these terms on this product, straight from the
 *  engine (not loanTermsFor), so terms the product refuses still get the figures a client
 *  would compute for them. */
export function engineFigures(
  product: Product,
  terms: ApplicationTerms,
): ApplicationBody['figures'] {
  const schedule = buildSchedule({
    principal: terms.amount,
    annualRatePercent: product.annualRatePercent,
    months: terms.months,
    method: terms.method,
    upfrontFee: product.upfrontFee,
    monthlyFee: product.monthlyFee,
  });
  return disclosedFigures(schedule, product.disclosedRateBasis);
}

/** A valid application for `product`, by default for its smallest amount over its first term
 *  and method, with the figures the engine computes: a mainland resident, born 1968-03-15,
 *  sending in Chinese, unassisted. */
export function sampleApplication(
  product: Product,
  terms: Partial<ApplicationTerms> = {},
): ApplicationBody {
  const chosen: ApplicationTerms = {
    amount: terms.amount ?? product.amount.min,
    months: terms.months ?? product.terms[0] ?? 12,
    method: terms.method ?? product.methods[0] ?? 'annuity',
  };
  return {
    productId: product.id,
    ...chosen,
    figures: engineFigures(product, chosen),
    applicant: {
      fullName: '王小明',
      dateOfBirth: '1968-03-15',
      idType: 'cn-resident',
      idNumber: '310104196803151234',
      phone: '13812345678',
      country: 'CN',
    },
    income: { monthlyIncomeBand: '4000-5999', existingRepayments: 0 },
    trustedContact: null,
    safety: { pressured: false },
    teachBack: { answeredCorrectly: true, attempts: 1 },
    declaration: { accepted: true },
    locale: 'zh-CN',
    assisted: null,
  };
}
