import { lender, telHref } from '../../core/config';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { navigate } from '../../core/router';
import { AppLink } from '../../ui/AppLink';
import { BackLink } from '../../ui/BackLink';
import { incomeFloor } from '../answers';
import { CatalogGate } from '../CatalogGate';
import { pathOf } from '../flow';
import {
  amountInputText,
  amountMoney,
  factsOf,
  largestAffordable,
  money,
  scheduleFor,
} from '../product-view';
import { answers, saveAnswers } from '../store';

/** When the instalment would not fit the stated income: said kindly, with the largest
 *  amount that fits, which the applicant can take (back on the amount page to confirm). */
export function AffordabilityPage() {
  const { t, lang } = useT();
  return (
    <CatalogGate title={t('afford:title')} step="trusted-contact">
      {({ product }) => {
        if (!product) return null;
        const a = answers.value;
        const f = factsOf(product);
        const fmt = (minor: number) => money(minor, f.currency, lang);
        const method = a.method ?? f.methods[0] ?? 'annuity';
        const months = a.months ?? f.terms[0] ?? 12;
        const income = {
          monthlyIncome: incomeFloor(a.incomeBand) ?? 0,
          existingRepayments: a.existingRepayments ?? 0,
        };
        const current = scheduleFor(f, a.amount ?? f.minAmount, months, method);
        const largest = largestAffordable(f, months, method, income);
        const offer = largest === null ? null : scheduleFor(f, largest, months, method);
        return (
          <AffordabilityView
            title={t('afford:title')}
            explanation={t('afford:explanation', {
              monthly: fmt(current.instalments[0]?.payment ?? 0),
            })}
            offer={
              largest !== null && offer
                ? {
                    text: t('afford:offer', {
                      amount: amountMoney(largest, f.currency, lang),
                      count: months,
                      monthly: fmt(offer.instalments[0]?.payment ?? 0),
                    }),
                    button: t('afford:take', { amount: amountMoney(largest, f.currency, lang) }),
                    onTake: () => {
                      saveAnswers({ amount: largest, amountText: amountInputText(largest, lang) });
                      navigate(pathOf('amount'));
                    },
                  }
                : null
            }
          />
        );
      }}
    </CatalogGate>
  );
}

interface AffordabilityViewProps {
  title: string;
  explanation: string;
  offer: { text: string; button: string; onTake: () => void } | null;
}

function AffordabilityView({ title, explanation, offer }: AffordabilityViewProps) {
  const { t } = useT();
  usePage(title, {
    speech: [explanation, t('afford:rather'), offer ? offer.text : t('afford:none')],
  });
  return (
    <>
      <BackLink href={pathOf('income')} label={t('journey:back')} />
      <h1>{title}</h1>
      <p class="lead">{explanation}</p>
      <p>{t('afford:rather')}</p>
      {offer ? (
        <div class="panel">
          <p>{offer.text}</p>
          <p>
            <button type="button" class="button button--primary" onClick={offer.onTake}>
              {offer.button}
            </button>
          </p>
        </div>
      ) : (
        <div class="panel">
          <p>{t('afford:none')}</p>
          <p>
            <a class="button button--primary" href={telHref(lender.phone)}>
              {t('afford:call', { phone: lender.phone })}
            </a>
          </p>
        </div>
      )}
      <p>
        <AppLink href={pathOf('amount')}>{t('afford:change')}</AppLink>
      </p>
      <p>
        <AppLink href={pathOf('income')}>{t('afford:checkIncome')}</AppLink>
      </p>
    </>
  );
}
