import { useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { navigate } from '../../core/router';
import type { RepaymentMethod } from '../../loan';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { CatalogGate } from '../CatalogGate';
import { nextPath } from '../flow';
import { amountMoney, disclosedRate, factsOf, money, percent, scheduleFor } from '../product-view';
import { useFlowFacts } from '../progress';
import { isChangingFromCheck, QuestionPage } from '../QuestionPage';
import { RepaymentSchedule } from '../RepaymentSchedule';
import { answers, saveAnswers } from '../store';

/** Step 4: what you will repay. One plain sentence first, then the annual rate including
 *  all fees (shown larger than any monthly figure), the repayment methods compared where
 *  the loan offers both, and every payment in a table behind a disclosure. */
export function RepaymentPage() {
  const { t, lang } = useT();
  const facts = useFlowFacts();
  const [attempt, setAttempt] = useState(0);
  const a = answers.value;
  return (
    <CatalogGate title={t('repay:title')} step="repayment">
      {({ product }) => {
        if (!product || a.amount === null || a.months === null) return null;
        const f = factsOf(product);
        const { amount, months } = a;
        const method: RepaymentMethod =
          a.method && f.methods.includes(a.method) ? a.method : (f.methods[0] ?? 'annuity');
        const fmt = (minor: number) => money(minor, f.currency, lang);
        const schedule = scheduleFor(f, amount, months, method);
        const first = schedule.instalments[0]?.payment ?? 0;
        const last = schedule.instalments.at(-1)?.payment ?? 0;
        const rate = disclosedRate(f, schedule);
        const sentence =
          method === 'annuity'
            ? t('repay:sentenceLevel', {
                monthly: fmt(first),
                count: months,
                total: fmt(schedule.totalPayable),
              })
            : t('repay:sentenceFalling', {
                first: fmt(first),
                last: fmt(last),
                count: months,
                total: fmt(schedule.totalPayable),
              });
        const onContinue = () => {
          setAttempt((n) => n + 1);
          saveAnswers({ method });
          navigate(nextPath('repayment', answers.value, facts(isChangingFromCheck())));
        };
        return (
          <QuestionPage
            step="repayment"
            title={t('repay:title')}
            errors={[]}
            attempt={attempt}
            onContinue={onContinue}
            speech={[
              sentence,
              t('voice:row', { label: t('repay:rateLabel'), value: percent(rate, lang) }),
              // t('repay:basis.nominal') t('repay:basis.effective')
              t(`repay:basis.${f.disclosedBasis}`),
              t('repay:borrow', { amount: amountMoney(amount, f.currency, lang) }),
              ...(f.upfrontFee > 0
                ? [
                    t('repay:upfrontFee', {
                      fee: fmt(f.upfrontFee),
                      receive: fmt(amount - f.upfrontFee),
                    }),
                  ]
                : []),
              ...(f.monthlyFee > 0 ? [t('repay:monthlyFee', { fee: fmt(f.monthlyFee) })] : []),
              t('repay:interest', { interest: fmt(schedule.totalInterest) }),
            ]}
          >
            <h1>{t('repay:title')}</h1>
            <p class="lead summary-sentence">{sentence}</p>
            <div class="rate-box">
              <p class="rate-box__label">{t('repay:rateLabel')}</p>
              <p class="rate-box__value">{percent(rate, lang)}</p>
              <p class="rate-box__basis">{t(`repay:basis.${f.disclosedBasis}`)}</p>
            </div>
            <ul class="facts-list">
              <li>{t('repay:borrow', { amount: amountMoney(amount, f.currency, lang) })}</li>
              {f.upfrontFee > 0 && (
                <li>
                  {t('repay:upfrontFee', {
                    fee: fmt(f.upfrontFee),
                    receive: fmt(amount - f.upfrontFee),
                  })}
                </li>
              )}
              {f.monthlyFee > 0 && <li>{t('repay:monthlyFee', { fee: fmt(f.monthlyFee) })}</li>}
              <li>{t('repay:interest', { interest: fmt(schedule.totalInterest) })}</li>
            </ul>
            {f.methods.length > 1 && (
              <ChoiceGroup
                id="method"
                name="method"
                legend={t('repay:methodLegend')}
                hint={t('repay:methodHint')}
                value={method}
                options={f.methods.map((m) => {
                  const s = scheduleFor(f, amount, months, m);
                  // t('repay:method.annuity.label') t('repay:method.annuity.hint')
                  // t('repay:method.equal-principal.label') t('repay:method.equal-principal.hint')
                  return {
                    value: m,
                    label: t(`repay:method.${m}.label`),
                    hint: t(`repay:method.${m}.hint`, {
                      first: fmt(s.instalments[0]?.payment ?? 0),
                      last: fmt(s.instalments.at(-1)?.payment ?? 0),
                      total: fmt(s.totalPayable),
                      interest: fmt(s.totalInterest),
                    }),
                  };
                })}
                onChange={(m) => saveAnswers({ method: m })}
              />
            )}
            <RepaymentSchedule schedule={schedule} currency={f.currency} />
          </QuestionPage>
        );
      }}
    </CatalogGate>
  );
}
