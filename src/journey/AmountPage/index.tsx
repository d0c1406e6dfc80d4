import { useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { announce } from '../../core/page';
import { answerLines } from '../../core/page-script';
import { navigate } from '../../core/router';
import { MoneyField } from '../../ui/MoneyField';
import { CatalogGate } from '../CatalogGate';
import { nextPath } from '../flow';
import {
  amountInputText,
  amountMoney,
  amountProblem,
  currencySymbol,
  factsOf,
  parseAmount,
  stepAmount,
} from '../product-view';
import { useFlowFacts } from '../progress';
import { isChangingFromCheck, QuestionPage } from '../QuestionPage';
import { answers, saveAnswers } from '../store';

/** Step 2: how much. Typed as people write amounts ("12,500", "1.25万", full-width digits)
 *  or stepped with large − and + buttons; the limits are shown and explained. */
export function AmountPage() {
  const { t, lang } = useT();
  const facts = useFlowFacts();
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const a = answers.value;
  return (
    <CatalogGate title={t('amount:title')} step="amount">
      {({ product }) => {
        if (!product) return null;
        const f = factsOf(product);
        const fmt = (minor: number) => amountMoney(minor, f.currency, lang);
        const onContinue = () => {
          setAttempt((n) => n + 1);
          const parsed = parseAmount(a.amountText, f.currency);
          if (!parsed.ok) {
            // t('amount:errors.empty') t('amount:errors.not-a-number') t('amount:errors.negative')
            // t('amount:errors.too-many-decimals')
            setError(t(`amount:errors.${parsed.reason}`));
            return;
          }
          const problem = amountProblem(f, parsed.minor);
          if (problem) {
            // t('amount:errors.below-min') t('amount:errors.above-max') t('amount:errors.off-step')
            setError(
              t(`amount:errors.${problem.code}`, {
                min: fmt(f.minAmount),
                max: fmt(f.maxAmount),
                step: fmt(f.step),
                lower: fmt(problem.lower),
                upper: fmt(problem.upper),
              }),
            );
            return;
          }
          setError(null);
          saveAnswers({ amount: parsed.minor, amountText: amountInputText(parsed.minor, lang) });
          navigate(nextPath('amount', answers.value, facts(isChangingFromCheck())));
        };
        const current = parseAmount(a.amountText, f.currency);
        // A loan of one amount only is said as that amount, not as a range from it to itself.
        const limits =
          f.minAmount === f.maxAmount
            ? t('amount:limitsOne', { amount: fmt(f.minAmount) })
            : t('amount:limits', {
                min: fmt(f.minAmount),
                max: fmt(f.maxAmount),
                step: fmt(f.step),
              });
        const onStep = (direction: -1 | 1) => {
          const parsed = parseAmount(a.amountText, f.currency);
          const next = stepAmount(f, parsed.ok ? parsed.minor : null, direction);
          saveAnswers({ amountText: amountInputText(next, lang) });
          // The buttons keep focus, so the new amount is said through the live region.
          announce(fmt(next));
        };
        return (
          <QuestionPage
            step="amount"
            title={t('amount:title')}
            errors={error ? [{ fieldId: 'amount', message: error }] : []}
            attempt={attempt}
            onContinue={onContinue}
            speech={[
              limits,
              ...answerLines(t, current.ok ? fmt(current.minor) : a.amountText.trim()),
            ]}
          >
            <MoneyField
              id="amount"
              isPageHeading
              label={t('amount:title')}
              hint={
                <>
                  <p>{limits}</p>
                  <p>{t('amount:howToType')}</p>
                </>
              }
              currencySymbol={currencySymbol(f.currency, lang)}
              decreaseLabel={t('amount:decrease', { step: fmt(f.step) })}
              increaseLabel={t('amount:increase', { step: fmt(f.step) })}
              value={a.amountText}
              error={error}
              onInput={(amountText) => saveAnswers({ amountText })}
              onStep={onStep}
            />
          </QuestionPage>
        );
      }}
    </CatalogGate>
  );
}
