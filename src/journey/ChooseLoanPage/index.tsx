import { useState } from 'preact/hooks';
import { type Translate, useT } from '../../core/i18n';
import { answerLines } from '../../core/page-script';
import { navigate } from '../../core/router';
import type { Language } from '../../core/settings/settings-state';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { CatalogGate } from '../CatalogGate';
import { nextPath } from '../flow';
import { amountMoney, factsOf, type ProductFacts, percent } from '../product-view';
import { useFlowFacts } from '../progress';
import { isChangingFromCheck, QuestionPage } from '../QuestionPage';
import { answers, saveAnswers } from '../store';

// A range whose two ends are written the same is said as the one figure it is.
function amountLine(t: Translate, f: ProductFacts, lang: Language): string {
  const min = amountMoney(f.minAmount, f.currency, lang);
  const max = amountMoney(f.maxAmount, f.currency, lang);
  return min === max ? t('choose:amount', { amount: min }) : t('choose:range', { min, max });
}

function rateLine(t: Translate, f: ProductFacts, lang: Language): string {
  const low = percent(f.rateRange.low, lang);
  const high = percent(f.rateRange.high, lang);
  return low === high ? t('choose:rate', { rate: low }) : t('choose:rateRange', { low, high });
}

/** Step 1: the catalog's loans as large radio cards, each saying who it is for, how much
 *  can be borrowed and the annual rate including all fees. */
export function ChooseLoanPage() {
  const { t, lang } = useT();
  const facts = useFlowFacts();
  const [hasError, setError] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const a = answers.value;
  const error = hasError ? t('choose:errors.required') : null;
  const onContinue = () => {
    setAttempt((n) => n + 1);
    setError(a.productId === null);
    if (a.productId !== null) navigate(nextPath('choose-loan', a, facts(isChangingFromCheck())));
  };
  return (
    <CatalogGate title={t('choose:title')} step="choose-loan">
      {({ products }) => (
        <QuestionPage
          step="choose-loan"
          title={t('choose:title')}
          errors={error ? [{ fieldId: 'product', message: error }] : []}
          attempt={attempt}
          onContinue={onContinue}
          speech={[
            t('choose:hint'),
            ...products.flatMap((p) => {
              const f = factsOf(p);
              const text = f.text(lang);
              return [text.name, text.whoFor, amountLine(t, f, lang), rateLine(t, f, lang)];
            }),
            ...answerLines(
              t,
              products
                .filter((p) => p.id === a.productId)
                .map((p) => factsOf(p).text(lang).name)[0],
            ),
          ]}
        >
          <ChoiceGroup
            id="product"
            name="product"
            legend={<h1>{t('choose:title')}</h1>}
            hint={t('choose:hint')}
            error={error}
            value={a.productId}
            options={products.map((p) => {
              const f = factsOf(p);
              const text = f.text(lang);
              return {
                value: f.id,
                label: text.name,
                hint: (
                  <>
                    <span class="card-line">{text.whoFor}</span>
                    <span class="card-line">{amountLine(t, f, lang)}</span>
                    <span class="card-line card-line--rate">{rateLine(t, f, lang)}</span>
                  </>
                ),
              };
            })}
            onChange={(productId) => {
              // A different loan has its own limits and terms: the old amount and term are
              // kept as typed but checked again on their pages.
              if (productId !== a.productId) saveAnswers({ productId, months: null, method: null });
            }}
          />
        </QuestionPage>
      )}
    </CatalogGate>
  );
}
