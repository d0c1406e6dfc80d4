import { useEffect, useState } from 'preact/hooks';
import { lender } from '../../core/config';
import { useT } from '../../core/i18n';
import { navigate } from '../../core/router';
import { preloadPath } from '../../core/routes';
import { disclosedFigures } from '../../loan/application';
import { submitApplication } from '../../sync/outbox-sender';
import { applicationBody } from '../application-body';
import { assistedNow } from '../assisted-now';
import { CatalogGate } from '../CatalogGate';
import { pathOf, SIDE_PAGES, type StepId, stepForRefusedField } from '../flow';
import { factsOf, money, scheduleFor } from '../product-view';
import { QuestionPage } from '../QuestionPage';
import { answers, currentDraftId, flushDraft, resetAnswers, saveAnswers } from '../store';

/** How long Send waits for the pages after it to load before sending anyway. */
const SEND_PRELOAD_WAIT_MS = 2_000;

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Loads the confirmation and My applications pages, the ones sending leads to. */
function loadPagesAfterSending(): Promise<unknown> {
  return Promise.all([preloadPath(SIDE_PAGES.confirmation), preloadPath(SIDE_PAGES.applications)]);
}

/** The declaration in plain words and a button named for what it does. Pressing it sends
 *  the application with an idempotency key made once, so pressing again cannot send twice. */
export function DeclarationPage() {
  const { t, lang } = useT();
  const [problem, setProblem] = useState<{ message: string; step: StepId | null } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [isSending, setSending] = useState(false);
  // The pages that follow sending are fetched now, while the network is there: Send may well
  // be pressed offline, before the service worker has cached anything.
  useEffect(() => void loadPagesAfterSending(), []);
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
          // Fetched again if they could not be before, as sending starts (never holding it up
          // for long); a page that still cannot load shows Try again, not an empty page.
          await Promise.race([loadPagesAfterSending(), wait(SEND_PRELOAD_WAIT_MS)]);
          // The draft's own id at first: a second tab sending the same draft then sends the
          // same key, and the server answers it with the first tab's receipt, even when the
          // tabs' locks and storage have not caught up with each other (one application).
          const idempotencyKey = a.idempotencyKey || currentDraftId();
          saveAnswers({ idempotencyKey, declarationAccepted: true });
          await flushDraft();
          const localId = currentDraftId();
          const outcome = await submitApplication({
            localId,
            body: applicationBody(answers.value, figures, lang, assistedNow()),
            idempotencyKey,
            summary: {
              productId: f.id,
              amount: a.amount ?? 0,
              months: a.months ?? 0,
              monthlyPayment: figures.monthlyPayment,
              currency: f.currency,
            },
            answers: { ...answers.value },
          });
          setSending(false);
          if (outcome.kind === 'sent') {
            resetAnswers();
            navigate(`${SIDE_PAGES.confirmation}?id=${encodeURIComponent(outcome.app.id)}`);
            return;
          }
          if (outcome.kind === 'waiting') {
            // Safe in the outbox: it goes by itself when the lender can be reached, and
            // the confirmation page says so and updates when it has gone.
            resetAnswers();
            navigate(`${SIDE_PAGES.confirmation}?pending=${encodeURIComponent(localId)}`);
            return;
          }
          if (outcome.kind === 'refused') {
            // The answers needs changing: a new key goes with the corrected application.
            saveAnswers({ idempotencyKey: crypto.randomUUID(), declarationAccepted: false });
            setProblem({ message: t('declare:refused'), step: stepForRefusedField(outcome.field) });
            return;
          }
          setProblem({ message: t('declare:unsaved'), step: null });
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
              <div class="panel" id="send-problem">
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
