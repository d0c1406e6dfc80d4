import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { guidanceControls, voiceStatus } from '../../core/page-script';
import { navigate } from '../../core/router';
import { settings } from '../../core/settings/settings-store';
import { formatDate } from '../../loan/dates';
import { AppLink } from '../../ui/AppLink';
import { PrivacyValue } from '../../ui/PrivacyValue';
import { dateOfBirth, INCOME_BANDS } from '../answers';
import { CatalogGate } from '../CatalogGate';
import { ContinueElsewhereLink } from '../ContinueElsewhereLink';
import { EnteredByNote } from '../EnteredByNote';
import { nextPath, pathOf, type StepId } from '../flow';
import { amountMoney, factsOf, money, scheduleFor } from '../product-view';
import { useFlowFacts } from '../progress';
import { QuestionPage } from '../QuestionPage';
import { answers } from '../store';

interface Row {
  key: string;
  label: string;
  value: ComponentChildren;
  step: StepId;
  isPersonal?: boolean;
}

/** Check your answers: every answer with a "Change" link that returns here afterwards
 *  (WCAG 3.3.4: a chance to review before a financial commitment). */
export function CheckAnswersPage() {
  const { t, lang } = useT();
  const facts = useFlowFacts();
  const [attempt, setAttempt] = useState(0);
  const a = answers.value;
  const isPrivate = settings.value.privacy;
  const guidance = voiceStatus.value.kind === 'ready' ? guidanceControls.value : null;
  return (
    <CatalogGate title={t('check:title')} step="check">
      {({ product }) => {
        if (!product || a.amount === null || a.months === null || a.method === null) return null;
        const f = factsOf(product);
        const fmt = (minor: number) => money(minor, f.currency, lang);
        const whole = (minor: number) => amountMoney(minor, f.currency, lang);
        const schedule = scheduleFor(f, a.amount, a.months, a.method);
        const dob = dateOfBirth(a);
        const band = INCOME_BANDS.find((b) => b.id === a.incomeBand);
        const rows: Row[] = [
          { key: 'loan', label: t('check:loan'), value: f.text(lang).name, step: 'choose-loan' },
          {
            key: 'amount',
            label: t('check:amount'),
            value: whole(a.amount),
            step: 'amount',
            isPersonal: true,
          },
          {
            key: 'term',
            label: t('check:term'),
            value: t('journey:months', { count: a.months }),
            step: 'term',
          },
          {
            key: 'repayment',
            label: t('check:repayment'),
            // t('check:method.annuity') t('check:method.equal-principal')
            value: t(`check:method.${a.method}`, {
              first: fmt(schedule.instalments[0]?.payment ?? 0),
              total: fmt(schedule.totalPayable),
            }),
            step: 'repayment',
            isPersonal: true,
          },
          {
            key: 'name',
            label: t('check:fullName'),
            value: a.fullName.trim(),
            step: 'about-you',
            isPersonal: true,
          },
          {
            key: 'dob',
            label: t('check:dob'),
            value: dob ? formatDate(new Date(dob), lang, 'UTC') : '',
            step: 'about-you',
            isPersonal: true,
          },
          {
            key: 'id',
            label: t('check:idNumber'),
            value: a.idNumber.trim(),
            step: 'about-you',
            isPersonal: true,
          },
          {
            key: 'phone',
            label: t('check:phone'),
            value: a.phone.trim(),
            step: 'about-you',
            isPersonal: true,
          },
          {
            key: 'income',
            label: t('check:income'),
            value: band
              ? band.max === null
                ? t('income:band.over', { min: whole(band.min) })
                : band.min === 0
                  ? t('income:band.under', { max: whole(band.max) })
                  : t('income:band.between', { min: whole(band.min), max: whole(band.max - 100) })
              : '',
            step: 'income',
            isPersonal: true,
          },
          {
            key: 'repayments',
            label: t('check:repayments'),
            value: whole(a.existingRepayments ?? 0),
            step: 'income',
            isPersonal: true,
          },
          {
            key: 'contact',
            label: t('check:contact'),
            value:
              a.contactChoice === 'add'
                ? t('check:contactValue', {
                    name: a.contactName.trim(),
                    relationship: a.contactRelationship.trim(),
                    phone: a.contactPhone.trim(),
                  })
                : t('check:noContact'),
            step: 'trusted-contact',
            isPersonal: a.contactChoice === 'add',
          },
        ];
        return (
          <QuestionPage
            step="check"
            title={t('check:title')}
            errors={[]}
            attempt={attempt}
            onContinue={() => {
              setAttempt((n) => n + 1);
              navigate(nextPath('check', a, facts(false)));
            }}
            speech={[
              t('check:hint'),
              // Privacy mode covers the voice as it covers the screen: a private answer is
              // said only when the person asks for that row.
              ...rows.flatMap((row) =>
                typeof row.value !== 'string' || !row.value
                  ? []
                  : isPrivate && row.isPersonal
                    ? [t('voice:hiddenRow', { label: row.label })]
                    : [t('voice:row', { label: row.label, value: row.value })],
              ),
            ]}
          >
            <h1>{t('check:title')}</h1>
            <p class="hint">{t('check:hint')}</p>
            <dl class="summary-list">
              {rows.map((row) => (
                <div class="summary-list__row" key={row.key}>
                  <dt>{row.label}</dt>
                  <dd>
                    {row.isPersonal ? (
                      <PrivacyValue isPrivate={isPrivate} revealLabel={t('journey:revealValue')}>
                        {row.value}
                      </PrivacyValue>
                    ) : (
                      row.value
                    )}
                    {guidance && isPrivate && row.isPersonal && typeof row.value === 'string' && (
                      <button
                        type="button"
                        class="button summary-list__hear"
                        onClick={() =>
                          guidance.say(t('voice:row', { label: row.label, value: row.value }))
                        }
                      >
                        {t('voice:hearRow')} <span class="visually-hidden">{row.label}</span>
                      </button>
                    )}
                    <EnteredByNote rowKey={row.key} />
                  </dd>
                  <dd class="summary-list__action">
                    <AppLink href={`${pathOf(row.step)}?change=1`}>
                      {/* The space stays outside the hidden text: Chromium and the virtual
                          screen reader both dropped one inside it ("ChangeLoan"). */}
                      {t('check:change')} <span class="visually-hidden">{row.label}</span>
                    </AppLink>
                  </dd>
                </div>
              ))}
            </dl>
            <ContinueElsewhereLink />
          </QuestionPage>
        );
      }}
    </CatalogGate>
  );
}
