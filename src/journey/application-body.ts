import type { Language } from '../core/settings/settings-state';
import type { ApplicationBody } from '../loan/application';
import { type Answers, dateOfBirth } from './answers';
import { APPLICANT_COUNTRY } from './validation';

/** Turns the answers into the body the server's application schema accepts, with the
 *  figures the applicant agreed to (the server recomputes and compares them) and, when
 *  staff helped, who they were and who entered each answer. */
export function applicationBody(
  a: Answers,
  figures: ApplicationBody['figures'],
  locale: Language,
  assisted: ApplicationBody['assisted'] = null,
): Record<string, unknown> {
  return {
    productId: a.productId,
    amount: a.amount,
    months: a.months,
    method: a.method,
    figures,
    applicant: {
      fullName: a.fullName,
      dateOfBirth: dateOfBirth(a) ?? '',
      idType: 'cn-resident',
      idNumber: a.idNumber,
      phone: a.phone,
      country: APPLICANT_COUNTRY,
    },
    income: {
      monthlyIncomeBand: a.incomeBand,
      existingRepayments: a.existingRepayments ?? 0,
    },
    trustedContact:
      a.contactChoice === 'add'
        ? { name: a.contactName, phone: a.contactPhone, relationship: a.contactRelationship }
        : null,
    safety: { pressured: a.pressured !== 'no' },
    teachBack: {
      answeredCorrectly: a.teachBackCorrect,
      attempts: Math.max(1, a.teachBackAttempts),
    },
    declaration: { accepted: true },
    locale,
    assisted,
  };
}
