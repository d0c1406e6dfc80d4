import { useState } from 'preact/hooks';
import { lender } from '../../app/config';
import { useT } from '../../app/i18n';
import { navigate } from '../../app/router';
import { disclosedFigures } from '../../loan/application';
import { rememberSentApplication } from '../../storage/sent-applications';
import { sendApplication } from '../../sync/send';
import { applicationBody } from '../application-body';
import { CatalogGate } from '../CatalogGate';
import { pathOf, SIDE_PAGES, type StepId } from '../flow';
import { factsOf, money, scheduleFor } from '../product-view';
import { QuestionPage } from '../QuestionPage';
import { answers, resetAnswers, saveAnswers } from '../store';

/** Which page to send the applicant back to for a field the server refused. */
function stepForField(field: string | null): StepId {
  if (!field) return 'check';
  if (field.startsWith('applicant')) return 'about-you';
  if (field.startsWith('income')) return 'income';
  if (field.startsWith('trustedContact')) return 'trusted-contact';
  if (field === 'amount') return 'amount';
  if (field === 'months') return 'term';
  if (field === 'method' || field.startsWith('figures')) return 'repayment';
  if (field === 'productId') return 'choose-loan';
  return 'check';
}

/** The declaration in plain words and a button named for what it does. Pressing it sends
 *  the application with an idempotency key made once, so pressing again cannot send twice. */
export function DeclarationPage() {
  const { t, lang } = useT();
  const [problem, setProblem] = useState<{ message: string; step: StepId | null } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [isSending, setSending] = useState(false);
  const a = answers.value;
  return (
    <CatalogGate title={t('declare:title')} step="declaration">
      {({ product }) => {
        if (!product || a.amount === null || a.months === null || a.method === null) return null;
        const f = factsOf(product);
        const fmt = (minor: number) => money(minor, f.currency, lang);
        const schedule = scheduleFor(f, a.amount, a.months, a.method);
        const figures = disclosedFigures(schedule, f.disclosedBasis);
        const onSend = async () => {
          if (isSending) return;
          setAttempt((n) => n + 1);
          setSending(true);
          const idempotencyKey = a.idempotencyKey || crypto.randomUUID();
          saveAnswers({ idempotencyKey, declarationAccepted: true });
          const outcome = await sendApplication(
            applicationBody(answers.value, figures, lang),
            idempotencyKey,
          );
          setSending(false);
          if (outcome.kind === 'sent') {
            rememberSentApplication({
              id: outcome.id,
              reference: outcome.reference,
              accessToken: outcome.accessToken,
              receivedAt: outcome.receivedAt,
              withdrawableUntil: outcome.withdrawableUntil,
              status: outcome.status,
              productId: f.id,
              amount: a.amount ?? 0,
              months: a.months ?? 0,
              monthlyPayment: figures.monthlyPayment,
              currency: f.currency,
            });
            resetAnswers();
            navigate(`${SIDE_PAGES.confirmation}?id=${encodeURIComponent(outcome.id)}`);
            return;
          }
          if (outcome.kind === 'refused') {
            // The answers needs changing: a new key goes with the corrected application.
            saveAnswers({ idempotencyKey: '', declarationAccepted: false });
            setProblem({ message: t('declare:refused'), step: stepForField(outcome.field) });
            return;
          }
          setProblem({ message: t('declare:unreachable'), step: null });
        };
        return (
          <QuestionPage
            step="declaration"
            title={t('declare:title')}
            errors={problem ? [{ fieldId: 'send-problem', message: problem.message }] : []}
            attempt={attempt}
            onContinue={onSend}
            continueLabel={isSending ? t('declare:sending') : t('declare:send')}
            speech={[
              t('declare:intro'),
              t('declare:true'),
              t('declare:repay', {
                monthly: fmt(figures.monthlyPayment),
                count: a.months,
                total: fmt(figures.totalPayable),
              }),
              t('declare:forMe'),
              t('declare:withdraw', { days: lender.coolingOffDays }),
            ]}
          >
            <h1>{t('declare:title')}</h1>
            <p>{t('declare:intro')}</p>
            <ul class="declaration-list">
              <li>{t('declare:true')}</li>
              <li>
                {t('declare:repay', {
                  monthly: fmt(figures.monthlyPayment),
                  count: a.months,
                  total: fmt(figures.totalPayable),
                })}
              </li>
              <li>{t('declare:forMe')}</li>
              <li>{t('declare:withdraw', { days: lender.coolingOffDays })}</li>
            </ul>
            {problem && (
              <div class="panel" id="send-problem" tabIndex={-1}>
                <p>{problem.message}</p>
                {problem.step && (
                  <p>
                    <a href={`${pathOf(problem.step)}?change=1`}>{t('declare:fix')}</a>
                  </p>
                )}
              </div>
            )}
          </QuestionPage>
        );
      }}
    </CatalogGate>
  );
}
