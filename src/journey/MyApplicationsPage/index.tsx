import { useEffect, useRef, useState } from 'preact/hooks';
import { lender, telHref } from '../../core/config';
import { moveFocusTo } from '../../core/focus';
import { type Translate, useT } from '../../core/i18n';
import { announce, usePage } from '../../core/page';
import type { Language } from '../../core/settings/settings-state';
import { settings } from '../../core/settings/settings-store';
import {
  APPLICATION_STATES,
  type ApplicationState,
  DECLINE_REASONS,
  type DeclineReason,
} from '../../loan/application-state';
import { formatDate, formatMoment } from '../../loan/dates';
import type { OutboxEntry } from '../../storage/outbox';
import {
  listSentApplications,
  rememberSentApplication,
  type SentApplication,
} from '../../storage/sent-applications';
import { withdrawApplication } from '../../sync/api';
import { ACCESS_ENDED, isServerView, refreshSentApplications } from '../../sync/sent-status';
import { AppLink } from '../../ui/AppLink';
import { PrivacyValue } from '../../ui/PrivacyValue';
import { StatusIcon } from '../../ui/StatusIcon';
import { findProduct, useCatalog } from '../catalog';
import { SIDE_PAGES } from '../flow';
import { changeRefusedApplication, usePendingApplications } from '../pending';
import { amountMoney, factsOf } from '../product-view';

function statusText(t: Translate, app: SentApplication): string {
  if (app.isAccessEnded) return t('mine:statuses.ended');
  const isKnown = (s: string): s is ApplicationState =>
    (APPLICATION_STATES as readonly string[]).includes(s);
  // t('mine:statuses.received') t('mine:statuses.withdrawn') t('mine:statuses.call-first')
  // t('mine:statuses.awaiting-approval') t('mine:statuses.offered') t('mine:statuses.declined')
  // t('mine:statuses.accepted') t('mine:statuses.refused') t('mine:statuses.lapsed')
  return isKnown(app.status) ? t(`mine:statuses.${app.status}`) : app.status;
}

/** What the lender's answer means for the applicant, in sentences, or none. */
function answerText(t: Translate, lang: Language, app: SentApplication): string[] {
  if (app.isAccessEnded) return [];
  if (app.status === 'call-first') return [t('mine:answer.callFirst', { phone: lender.phone })];
  if (app.status === 'offered' && app.answer?.offer) {
    return [
      t('mine:answer.offered', { date: formatDate(new Date(app.answer.offer.expiresAt), lang) }),
    ];
  }
  if (app.status === 'accepted' && app.answer?.agreedAt) {
    return [t('mine:answer.agreed', { date: formatDate(new Date(app.answer.agreedAt), lang) })];
  }
  if (app.status !== 'declined') return [];
  const reason = app.answer?.reason;
  const isKnown = (r: string | undefined): r is DeclineReason =>
    (DECLINE_REASONS as readonly (string | undefined)[]).includes(r);
  // t('mine:declined.repayments-too-high') t('mine:declined.age-outside-product')
  // t('mine:declined.identity-not-confirmed') t('mine:declined.other-debts')
  // t('mine:declined.not-for-this-purpose')
  return [
    ...(isKnown(reason) ? [t(`mine:declined.${reason}`)] : []),
    t('mine:answer.help', { phone: lender.phone }),
  ];
}

/** What the applicant is told once of an application with news: an answer, or an offer that
 *  ended unanswered. */
function newsOf(t: Translate, reference: string): string {
  const app = listSentApplications().find((a) => a.reference === reference);
  return app?.status === 'lapsed'
    ? t('mine:hasLapsed', { reference })
    : t('mine:hasAnswer', { reference });
}

/** Applications waiting on this device to be sent, then every application sent from it, with its status from the server, and a way to
 *  withdraw within the cooling-off period after a confirmation step. */
export function MyApplicationsPage() {
  const { t, lang } = useT();
  const [apps, setApps] = useState<SentApplication[]>(listSentApplications);
  usePage(t('mine:title'), {
    speech:
      apps.length === 0
        ? [t('mine:none')]
        : apps.flatMap((app) => [
            t('mine:reference'),
            { spell: app.reference },
            `${t('mine:status')}: ${statusText(t, app)}.`,
            ...answerText(t, lang, app),
            ...(app.isAccessEnded ? [t('mine:accessEnded')] : []),
          ]),
  });
  const [isOffline, setOffline] = useState(false);
  const [answered, setAnswered] = useState<string[]>([]);
  const pending = usePendingApplications() ?? [];
  // An application the outbox has just sent moves from pending to the list below.
  const sentCount = listSentApplications().length;
  useEffect(() => {
    if (sentCount !== apps.length) setApps(listSentApplications());
  }, [sentCount, apps.length]);
  useEffect(() => {
    let isCurrent = true;
    refreshSentApplications()
      .then((references) => {
        if (!isCurrent || references.length === 0) return;
        setAnswered(references);
        for (const reference of references) announce(newsOf(t, reference));
      })
      .catch(() => {
        if (isCurrent) setOffline(true);
      })
      .finally(() => {
        if (isCurrent) setApps(listSentApplications());
      });
    return () => {
      isCurrent = false;
    };
  }, []);
  return (
    <>
      <h1>{t('mine:title')}</h1>
      {isOffline && <p class="panel">{t('mine:offline')}</p>}
      {answered.map((reference) => (
        <p key={reference} class="panel">
          {newsOf(t, reference)}
        </p>
      ))}
      {pending.length > 0 && (
        <ul class="application-list">
          {pending.map((entry) => (
            <li key={entry.localId}>
              <PendingCard entry={entry} />
            </li>
          ))}
        </ul>
      )}
      {apps.length === 0 && pending.length === 0 ? (
        <>
          <p>{t('mine:none')}</p>
          <p>
            <AppLink href="/apply" class="button button--primary">
              {t('mine:start')}
            </AppLink>
          </p>
        </>
      ) : (
        apps.length > 0 && (
          <ul class="application-list">
            {apps.map((app) => (
              <li key={app.id}>
                <ApplicationCard app={app} onChange={() => setApps(listSentApplications())} />
              </li>
            ))}
          </ul>
        )
      )}
      <p>
        <AppLink href="/privacy">{t('mine:privacy')}</AppLink>
      </p>
    </>
  );
}

/** An application saved on this device and not yet received by the lender. */
function PendingCard({ entry }: { entry: OutboxEntry }) {
  const { t, lang } = useT();
  const catalog = useCatalog();
  const product = findProduct(catalog, entry.summary.productId);
  const isRefused = entry.refusedField !== undefined;
  const headingId = `pending-${entry.localId}`;
  return (
    <section class="application-card application-card--waiting" aria-labelledby={headingId}>
      <h2 id={headingId}>{product ? factsOf(product).text(lang).name : t('mine:loan')}</h2>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t('mine:amount')}</dt>
          <dd>
            <PrivacyValue isPrivate={settings.value.privacy} revealLabel={t('journey:revealValue')}>
              {amountMoney(entry.summary.amount, entry.summary.currency, lang)}
            </PrivacyValue>
          </dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('mine:status')}</dt>
          <dd>
            <StatusIcon kind="waiting" />
            {isRefused ? t('mine:needsChange') : t('mine:pending')}
          </dd>
        </div>
      </dl>
      {isRefused && (
        <p>
          <button
            type="button"
            class="button button--primary"
            onClick={() => void changeRefusedApplication(entry)}
          >
            {t('mine:change')}
          </button>
        </p>
      )}
    </section>
  );
}

type WithdrawStage = 'idle' | 'confirm' | 'working' | 'withdrawn' | 'failed' | 'too-late';

/** A sent application with its status, and withdrawing it: the question, then what came of
 *  it, each taking focus as it appears (the control pressed is gone by then), and focus back
 *  on Withdraw when the person says no. */
function ApplicationCard({ app, onChange }: { app: SentApplication; onChange: () => void }) {
  const { t, lang } = useT();
  const catalog = useCatalog();
  const product = findProduct(catalog, app.productId);
  const [stage, setStage] = useState<WithdrawStage>('idle');
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLFieldSetElement>(null);
  const answer = useRef<HTMLElement>(null);
  const shownStage = useRef<WithdrawStage>(stage);
  useEffect(() => {
    const before = shownStage.current;
    shownStage.current = stage;
    if (stage === before) return;
    const target =
      stage === 'idle'
        ? withdrawButton.current
        : stage === 'confirm'
          ? question.current
          : answer.current;
    if (target) moveFocusTo(target);
  }, [stage]);
  const date = (iso: string) => formatDate(new Date(iso), lang);
  const dateTime = (iso: string) => formatMoment(new Date(iso), lang);
  const canWithdraw =
    ['received', 'call-first', 'awaiting-approval', 'accepted'].includes(app.status) &&
    !app.isAccessEnded &&
    Date.now() < Date.parse(app.withdrawableUntil);
  const headingId = `app-${app.id}`;
  const outcomeId = `app-${app.id}-outcome`;
  // Two applications for the same loan share a heading: the reference tells their regions apart.
  const referenceId = `app-${app.id}-reference`;
  const onWithdraw = async () => {
    setStage('working');
    try {
      const reply = await withdrawApplication(app.id, app.accessToken);
      if (reply.status === 200 && isServerView(reply.body)) {
        rememberSentApplication({ ...app, ...reply.body });
        setStage('withdrawn');
        onChange();
        return;
      }
      if (reply.status === ACCESS_ENDED) {
        rememberSentApplication({ ...app, isAccessEnded: true });
        setStage('idle');
        onChange();
        return;
      }
      setStage(reply.status === 409 ? 'too-late' : 'failed');
    } catch {
      setStage('failed');
    }
  };
  const outcome =
    stage === 'working'
      ? t('mine:working')
      : stage === 'withdrawn'
        ? t('mine:withdrawn', { reference: app.reference })
        : stage === 'failed'
          ? t('mine:failed')
          : stage === 'too-late'
            ? t('mine:tooLate')
            : null;
  return (
    <section class="application-card" aria-labelledby={`${headingId} ${referenceId}`}>
      <h2 id={headingId}>{product ? factsOf(product).text(lang).name : t('mine:loan')}</h2>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t('mine:reference')}</dt>
          <dd id={referenceId} lang="en">
            {app.reference}
          </dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('mine:amount')}</dt>
          <dd>
            <PrivacyValue isPrivate={settings.value.privacy} revealLabel={t('journey:revealValue')}>
              {amountMoney(app.amount, app.currency, lang)}
            </PrivacyValue>
          </dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('mine:sent')}</dt>
          <dd>{date(app.receivedAt)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('mine:status')}</dt>
          <dd>{statusText(t, app)}</dd>
        </div>
        {app.checkedAt && (
          <div class="summary-list__row">
            <dt>{t('mine:checked')}</dt>
            <dd>{dateTime(app.checkedAt)}</dd>
          </div>
        )}
      </dl>
      {answerText(t, lang, app).map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
      {(app.status === 'offered' || app.status === 'accepted') &&
        app.answer?.offer &&
        !app.isAccessEnded && (
          <p>
            <AppLink
              href={`${SIDE_PAGES.offer}?id=${encodeURIComponent(app.id)}`}
              class={app.status === 'offered' ? 'button button--primary' : undefined}
            >
              {/* The space stands outside the hidden text: Chromium drops one inside it. */}
              {t('mine:seeOffer')} <span class="visually-hidden">{app.reference}</span>
            </AppLink>
          </p>
        )}
      {app.isAccessEnded && (
        <p class="panel">
          {t('mine:accessEnded')}{' '}
          <a href={telHref(lender.phone)}>{t('confirm:call', { phone: lender.phone })}</a>
        </p>
      )}
      {outcome !== null && (
        // Named by its text, as a screen reader reads a focused section by its name; a new
        // section for each stage, so that focus moving to it is a change that is read.
        <section
          key={stage}
          ref={answer}
          aria-labelledby={outcomeId}
          class={stage === 'failed' || stage === 'too-late' ? 'panel' : undefined}
        >
          <p id={outcomeId}>{outcome}</p>
          {(stage === 'failed' || stage === 'too-late') && (
            <p>
              <a href={telHref(lender.phone)}>{t('confirm:call', { phone: lender.phone })}</a>
            </p>
          )}
        </section>
      )}
      {canWithdraw && (stage === 'idle' || stage === 'failed') && (
        <p>
          {t('mine:canWithdraw', { date: date(app.withdrawableUntil) })}{' '}
          <button
            type="button"
            class="button"
            ref={withdrawButton}
            onClick={() => setStage('confirm')}
          >
            {/* The space stands outside the hidden text: Chromium drops one inside it. */}
            {t('mine:withdraw')} <span class="visually-hidden">{app.reference}</span>
          </button>
        </p>
      )}
      {stage === 'confirm' && (
        <fieldset class="panel" ref={question}>
          <legend class="confirm-legend">{t('mine:confirm', { reference: app.reference })}</legend>
          <div class="button-row">
            <button type="button" class="button button--primary" onClick={onWithdraw}>
              {t('mine:yes')}
            </button>
            <button type="button" class="button" onClick={() => setStage('idle')}>
              {t('mine:no')}
            </button>
          </div>
        </fieldset>
      )}
    </section>
  );
}
