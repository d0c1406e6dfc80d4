import { useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { answerLines, choicesLine } from '../../core/page-script';
import { navigate } from '../../core/router';
import type { AmountInputProblem } from '../../loan/money';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { TextField } from '../../ui/TextField';
import { INCOME_BANDS, type IncomeBandId } from '../answers';
import { CatalogGate } from '../CatalogGate';
import { nextPath } from '../flow';
import { amountMoney, factsOf, parseAmount } from '../product-view';
import { useFlowFacts } from '../progress';
import { isChangingFromCheck, QuestionPage } from '../QuestionPage';
import { answers, saveAnswers } from '../store';
import type { StepError } from '../validation';

type IncomeError =
  | StepError<'income-band', 'required' | 'rather-not-say'>
  | StepError<'repayments', AmountInputProblem>;

/** Step 6: monthly income as ranges and existing monthly repayments. If the instalment would
 *  not fit, the flow goes to a page that says so kindly and offers an amount that fits. */
export function IncomePage() {
  const { t, lang } = useT();
  const facts = useFlowFacts();
  const [errors, setErrors] = useState<IncomeError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const a = answers.value;
  // One template per field: each field's codes are a union of their own.
  const message = (field: IncomeError['field']) => {
    const e = errors.find((x) => x.field === field);
    // t('income:errors.income-band.required') t('income:errors.income-band.rather-not-say')
    // t('income:errors.repayments.empty') t('income:errors.repayments.not-a-number')
    // t('income:errors.repayments.negative') t('income:errors.repayments.too-many-decimals')
    if (e?.field === 'income-band') return t(`income:errors.income-band.${e.code}`);
    if (e?.field === 'repayments') return t(`income:errors.repayments.${e.code}`);
    return null;
  };
  return (
    <CatalogGate title={t('income:title')} step="income">
      {({ product }) => {
        if (!product) return null;
        const f = factsOf(product);
        const fmt = (minor: number) => amountMoney(minor, f.currency, lang);
        const onContinue = () => {
          setAttempt((n) => n + 1);
          const found: IncomeError[] = [];
          if (a.incomeBand === null) found.push({ field: 'income-band', code: 'required' });
          else if (a.incomeBand === 'rather-not-say') {
            found.push({ field: 'income-band', code: 'rather-not-say' });
          }
          const repayments = parseAmount(a.repaymentsText, f.currency);
          if (!repayments.ok) found.push({ field: 'repayments', code: repayments.reason });
          setErrors(found);
          if (found.length > 0 || !repayments.ok) return;
          saveAnswers({ existingRepayments: repayments.minor });
          navigate(nextPath('income', answers.value, facts(isChangingFromCheck())));
        };
        const bandLabel = (band: (typeof INCOME_BANDS)[number]) =>
          band.min === 0
            ? t('income:band.under', { max: fmt(band.max) })
            : band.max === null
              ? t('income:band.over', { min: fmt(band.min) })
              : t('income:band.between', { min: fmt(band.min), max: fmt(band.max - 100) });
        return (
          <QuestionPage
            step="income"
            title={t('income:title')}
            errors={errors.map((e) => ({ fieldId: e.field, message: message(e.field) ?? '' }))}
            attempt={attempt}
            onContinue={onContinue}
            speech={[
              t('income:bandLegend'),
              t('income:bandHint'),
              choicesLine(t, lang, [...INCOME_BANDS.map(bandLabel), t('income:ratherNotSay')]),
              ...answerLines(
                t,
                a.incomeBand === 'rather-not-say'
                  ? t('income:ratherNotSay')
                  : INCOME_BANDS.filter((b) => b.id === a.incomeBand).map(bandLabel)[0],
              ),
              t('income:repaymentsLabel'),
              ...answerLines(t, a.repaymentsText.trim()),
            ]}
          >
            <h1>{t('income:title')}</h1>
            <ChoiceGroup<IncomeBandId>
              id="income-band"
              name="income-band"
              legend={t('income:bandLegend')}
              hint={t('income:bandHint')}
              error={message('income-band')}
              value={a.incomeBand}
              options={[
                ...INCOME_BANDS.map((band) => ({ value: band.id, label: bandLabel(band) })),
                { value: 'rather-not-say', label: t('income:ratherNotSay') },
              ]}
              onChange={(incomeBand) => saveAnswers({ incomeBand })}
            />
            {a.incomeBand === 'rather-not-say' && (
              <p class="panel" id="why-income">
                {t('income:whyNeeded')}
              </p>
            )}
            <TextField
              id="repayments"
              inputMode="decimal"
              label={t('income:repaymentsLabel')}
              hint={t('income:repaymentsHint')}
              size={12}
              value={a.repaymentsText}
              error={message('repayments')}
              onInput={(repaymentsText) => saveAnswers({ repaymentsText })}
            />
          </QuestionPage>
        );
      }}
    </CatalogGate>
  );
}
