import { useEffect, useRef, useState } from 'preact/hooks';
import { eraseThisTablet } from '../../assist/end-session';
import { lender, telHref } from '../../core/config';
import { moveFocusTo } from '../../core/focus';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { settings } from '../../core/settings/settings-store';
import { SIDE_PAGES } from '../../journey/flow';
import { usePendingApplications } from '../../journey/pending';
import { hasAnswers } from '../../journey/store';
import { formatDate } from '../../loan/dates';
import {
  listSentApplications,
  rememberSentApplication,
  type SentApplication,
} from '../../storage/sent-applications';
import type { WipeResult } from '../../storage/wipe';
import { eraseApplication } from '../../sync/api';
import { ACCESS_ENDED, refreshSentApplications } from '../../sync/sent-status';
import { AppLink } from '../../ui/AppLink';

/** Where a question asked on this page stands: not asked, asked, being done, or its outcome. */
type Stage = 'idle' | 'confirm' | 'working' | 'done' | 'refused' | 'failed';

/** Moves focus as a question's stage changes, as My applications does for withdrawing: to the
 *  question when it is asked, to what came of it (the control pressed is gone by then), and
 *  back to the first button when the person says no. */
function useStageFocus(stage: Stage) {
  const button = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLFieldSetElement>(null);
  const answer = useRef<HTMLElement>(null);
  const shown = useRef<Stage>(stage);
  useEffect(() => {
    const before = shown.current;
    shown.current = stage;
    if (stage === before) return;
    const target =
      stage === 'idle' ? button.current : stage === 'confirm' ? question.current : answer.current;
    if (target) moveFocusTo(target);
  }, [stage]);
  return { button, question, answer };
}

/** "What Kindly keeps": what this tablet keeps, with a way to erase it, and what the lender
 *  keeps about each application sent from here and until when, with a way to ask for a
 *  withdrawn one's personal details to be erased now. */
export function PrivacyPage() {
  const { t } = useT();
  const [apps, setApps] = useState<SentApplication[]>(listSentApplications);
  const [isOffline, setOffline] = useState(false);
  usePage(t('privacy:title'), { speech: [t('privacy:intro')] });
  useEffect(() => {
    let isCurrent = true;
    refreshSentApplications()
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
      <h1>{t('privacy:title')}</h1>
      <p>{t('privacy:intro')}</p>
      <TabletSection sentCount={apps.length} onErased={() => setApps(listSentApplications())} />
      <h2>{t('privacy:lender.title')}</h2>
      <p>{t('privacy:lender.text')}</p>
      {isOffline && <p class="panel">{t('privacy:lender.offline')}</p>}
      {apps.length === 0 ? (
        <p>{t('privacy:lender.none')}</p>
      ) : (
        <ul class="application-list">
          {apps.map((app) => (
            <li key={app.id}>
              <LenderCard app={app} onChange={() => setApps(listSentApplications())} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** What this tablet keeps, what it holds now, and erasing it after "Are you sure?", which
 *  says plainly that applications waiting to be sent are not erased. */
function TabletSection({ sentCount, onErased }: { sentCount: number; onErased: () => void }) {
  const { t } = useT();
  const [stage, setStage] = useState<Stage>('idle');
  const [kept, setKept] = useState<WipeResult | null>(null);
  const [isUnfinished, setUnfinished] = useState(hasAnswers);
  const waiting = usePendingApplications()?.length ?? 0;
  const { button, question, answer } = useStageFocus(stage);
  const onErase = async () => {
    setStage('working');
    // The look stays on screen (unsaved), so the person can read the result as before.
    const result = await eraseThisTablet(settings.value);
    setKept(result);
    setUnfinished(false);
    onErased();
    setStage('done');
  };
  return (
    <section aria-labelledby="tablet-title">
      <h2 id="tablet-title">{t('privacy:tablet.title')}</h2>
      <p>{t('privacy:tablet.keeps')}</p>
      <ul class="facts-list">
        <li>{t('privacy:tablet.settings')}</li>
        <li>{t('privacy:tablet.draft')}</li>
        <li>{t('privacy:tablet.sent')}</li>
      </ul>
      <p>{t('privacy:tablet.now')}</p>
      <ul class="facts-list">
        <li>{isUnfinished ? t('privacy:tablet.hasDraft') : t('privacy:tablet.noDraft')}</li>
        {sentCount > 0 && <li>{t('privacy:tablet.sentCount', { count: sentCount })}</li>}
        {waiting > 0 && <li>{t('privacy:tablet.waitingCount', { count: waiting })}</li>}
      </ul>
      {(stage === 'working' || stage === 'done') && (
        // Named by its text, as a screen reader reads a focused section by its name, and
        // described by what stays, so that is heard too; a new section for each stage, so
        // that focus moving to it is a change that is read.
        <section
          key={stage}
          ref={answer}
          aria-labelledby="tablet-outcome"
          aria-describedby={
            [
              ...(kept && kept.unsent > 0 ? ['tablet-kept-waiting'] : []),
              ...(kept && kept.parked > 0 ? ['tablet-kept-parked'] : []),
            ].join(' ') || undefined
          }
        >
          <p id="tablet-outcome">
            {stage === 'working' ? t('privacy:tablet.working') : t('privacy:tablet.erased')}
          </p>
          {kept && kept.unsent > 0 && (
            <p id="tablet-kept-waiting">
              {t('privacy:tablet.keptWaiting', { count: kept.unsent })}
            </p>
          )}
          {kept && kept.parked > 0 && (
            <p id="tablet-kept-parked">{t('privacy:tablet.keptParked', { count: kept.parked })}</p>
          )}
        </section>
      )}
      {stage === 'idle' && (
        <p>
          <button type="button" class="button" ref={button} onClick={() => setStage('confirm')}>
            {t('privacy:tablet.erase')}
          </button>
        </p>
      )}
      {stage === 'confirm' && (
        // A short question, and what it means as the group's description, so that both are
        // heard as the question takes focus.
        <fieldset
          class="panel"
          ref={question}
          aria-describedby={[
            'tablet-confirm-text',
            ...(sentCount > 0 ? ['tablet-confirm-sent'] : []),
            ...(waiting > 0 ? ['tablet-confirm-waiting'] : []),
          ].join(' ')}
        >
          <legend class="confirm-legend">{t('privacy:tablet.confirm')}</legend>
          <p id="tablet-confirm-text">{t('privacy:tablet.confirmText')}</p>
          {sentCount > 0 && <p id="tablet-confirm-sent">{t('privacy:tablet.confirmSent')}</p>}
          {waiting > 0 && (
            <p id="tablet-confirm-waiting">
              {t('privacy:tablet.confirmWaiting', { count: waiting })}
            </p>
          )}
          <div class="button-row">
            <button type="button" class="button button--primary" onClick={onErase}>
              {t('privacy:tablet.yes')}
            </button>
            <button type="button" class="button" onClick={() => setStage('idle')}>
              {t('privacy:tablet.no')}
            </button>
          </div>
        </fieldset>
      )}
    </section>
  );
}

/** One application sent from this tablet: until when the lender keeps its personal details,
 *  and, once it is withdrawn, asking for them to be erased now. */
function LenderCard({ app, onChange }: { app: SentApplication; onChange: () => void }) {
  const { t, lang } = useT();
  const [stage, setStage] = useState<Stage>('idle');
  const { button, question, answer } = useStageFocus(stage);
  const headingId = `kept-${app.id}`;
  const outcomeId = `kept-${app.id}-outcome`;
  const onErase = async () => {
    setStage('working');
    try {
      const reply = await eraseApplication(app.id, app.accessToken);
      // Erased now, or before: either way its token reads nothing from here on.
      if (reply.status === 200 || reply.status === ACCESS_ENDED) {
        rememberSentApplication({ ...app, isAccessEnded: true });
        setStage('done');
        onChange();
        return;
      }
      setStage(reply.status === 409 ? 'refused' : 'failed');
    } catch {
      setStage('failed');
    }
  };
  const isErasable = app.status === 'withdrawn' && !app.isAccessEnded;
  const canWithdraw = app.status === 'received' && Date.now() < Date.parse(app.withdrawableUntil);
  const outcome =
    stage === 'working'
      ? t('privacy:lender.working')
      : stage === 'done'
        ? t('privacy:lender.erased', { reference: app.reference })
        : stage === 'refused'
          ? t('privacy:lender.notWithdrawn')
          : stage === 'failed'
            ? t('privacy:lender.failed')
            : null;
  const isTrouble = stage === 'refused' || stage === 'failed';
  return (
    <section class="application-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('privacy:lender.application', { reference: app.reference })}</h3>
      {!app.isAccessEnded && (
        <dl class="summary-list">
          <div class="summary-list__row">
            <dt>{t('privacy:lender.keptUntil')}</dt>
            <dd>
              {app.keptUntil
                ? formatDate(new Date(app.keptUntil), lang)
                : t('privacy:lender.notKnown')}
            </dd>
          </div>
        </dl>
      )}
      {app.isAccessEnded && stage !== 'done' && <p>{t('privacy:lender.ended')}</p>}
      {app.status === 'received' && !app.isAccessEnded && (
        <p>
          {t('privacy:lender.considering')}
          {canWithdraw && (
            <>
              {' '}
              <AppLink href={SIDE_PAGES.applications}>{t('privacy:lender.toWithdraw')}</AppLink>
            </>
          )}
        </p>
      )}
      {outcome !== null && (
        <section
          key={stage}
          ref={answer}
          aria-labelledby={outcomeId}
          class={isTrouble ? 'panel' : undefined}
        >
          <p id={outcomeId}>{outcome}</p>
          {isTrouble && (
            <p>
              <a href={telHref(lender.phone)}>{t('confirm:call', { phone: lender.phone })}</a>
            </p>
          )}
        </section>
      )}
      {isErasable && (stage === 'idle' || isTrouble) && (
        <p>
          <button type="button" class="button" ref={button} onClick={() => setStage('confirm')}>
            {/* The space stands outside the hidden text: Chromium drops one inside it. */}
            {t('privacy:lender.erase')} <span class="visually-hidden">{app.reference}</span>
          </button>
        </p>
      )}
      {stage === 'confirm' && (
        <fieldset class="panel" ref={question} aria-describedby={`${headingId}-confirm`}>
          <legend class="confirm-legend">
            {t('privacy:lender.confirm', { reference: app.reference })}
          </legend>
          <p id={`${headingId}-confirm`}>{t('privacy:lender.confirmText')}</p>
          <div class="button-row">
            <button type="button" class="button button--primary" onClick={onErase}>
              {t('privacy:lender.yes')}
            </button>
            <button type="button" class="button" onClick={() => setStage('idle')}>
              {t('privacy:lender.no')}
            </button>
          </div>
        </fieldset>
      )}
    </section>
  );
}
