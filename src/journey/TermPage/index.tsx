import { useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { answerLines } from '../../core/page-script';
import { navigate } from '../../core/router';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { CatalogGate } from '../CatalogGate';
import { nextPath } from '../flow';
import { amountMoney, factsOf, money, scheduleFor } from '../product-view';
import { useFlowFacts } from '../progress';
import { isChangingFromCheck, QuestionPage } from '../QuestionPage';
import { answers, saveAnswers } from '../store';

/** Step 3: how long, as radio cards each showing what that term costs a month and in all. */
export function TermPage() {
  const { t, lang } = useT();
  const facts = useFlowFacts();
  const [hasError, setError] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const a = answers.value;
  const error = hasError ? t('term:errors.required') : null;
  return (
    <CatalogGate title={t('term:title')} step="term">
      {({ product }) => {
        if (!product || a.amount === null) return null;
        const f = factsOf(product);
        const amount = a.amount;
        const method = a.method && f.methods.includes(a.method) ? a.method : f.methods[0];
        const isValid = a.months !== null && f.terms.includes(a.months);
        const options = f.terms.map((months) => {
          const s = scheduleFor(f, amount, months, method ?? 'annuity');
          const figures = {
            monthly: money(s.instalments[0]?.payment ?? 0, f.currency, lang),
            total: money(s.totalPayable, f.currency, lang),
          };
          return {
            value: String(months),
            label: t('journey:months', { count: months }),
            hint:
              method === 'equal-principal'
                ? t('term:optionFirst', figures)
                : t('term:option', figures),
          };
        });
        const chosen = options.find((o) => o.value === String(a.months));
        const onContinue = () => {
          setAttempt((n) => n + 1);
          setError(!isValid);
          if (!isValid) return;
          if (a.method !== method) saveAnswers({ method });
          navigate(nextPath('term', answers.value, facts(isChangingFromCheck())));
        };
        return (
          <QuestionPage
            step="term"
            title={t('term:title')}
            errors={error ? [{ fieldId: 'months', message: error }] : []}
            attempt={attempt}
            onContinue={onContinue}
            speech={[
              t('term:hint', { amount: money(amount, f.currency, lang) }),
              ...options.map((o) => t('voice:row', { label: o.label, value: o.hint })),
              ...answerLines(t, chosen?.label),
            ]}
          >
            <ChoiceGroup
              id="months"
              name="months"
              legend={<h1>{t('term:title')}</h1>}
              hint={t('term:hint', { amount: amountMoney(amount, f.currency, lang) })}
              error={error}
              value={a.months === null ? null : String(a.months)}
              options={options}
              onChange={(value) => saveAnswers({ months: Number(value) })}
            />
          </QuestionPage>
        );
      }}
    </CatalogGate>
  );
}
