import { useEffect, useRef, useState } from 'preact/hooks';
import { lender, telHref } from '../../core/config';
import { moveFocusTo } from '../../core/focus';
import { useT } from '../../core/i18n';
import { announce, usePage } from '../../core/page';
import { location } from '../../core/router';
import { formatDate } from '../../loan/dates';
import { findSentByLocalId, listSentApplications } from '../../storage/sent-applications';
import { flushOutbox } from '../../sync/outbox-sender';
import { AppLink } from '../../ui/AppLink';
import { StatusIcon } from '../../ui/StatusIcon';
import { SIDE_PAGES } from '../flow';
import { changeRefusedApplication, usePendingApplications } from '../pending';

/** After sending (or after saving it on the device to be sent when back online, updating
 *  itself once it has gone): the reference number, large and easy to copy, what happens next and
 *  when, how to withdraw within the cooling-off period, and the lender's phone number. */
export function ConfirmationPage() {
  const { t, lang } = useT();
  const params = new URLSearchParams(location.value.search);
  const id = params.get('id');
  const pendingId = params.get('pending');
  // Read on every render: the outbox changing re-renders this page through the hook.
  const entries = usePendingApplications();
  const app =
    (id ? listSentApplications().find((a) => a.id === id) : null) ??
    (pendingId ? findSentByLocalId(pendingId) : null);
  const entry = pendingId ? entries?.find((e) => e.localId === pendingId) : undefined;
  // Until the outbox has been read, an item we were just sent here for counts as waiting.
  const view: 'sent' | 'waiting' | 'refused' | 'missing' = app
    ? 'sent'
    : pendingId === null || (entries !== null && !entry)
      ? 'missing'
      : entry?.refusedField !== undefined
        ? 'refused'
        : 'waiting';
  const title = {
    sent: t('confirm:title'),
    waiting: t('confirm:pendingTitle'),
    refused: t('confirm:refusedTitle'),
    missing: t('confirm:missingTitle'),
  }[view];
  // Spoken guidance spells the reference twice, so it can be written down as it is heard.
  usePage(title, {
    speech:
      view === 'sent' && app
        ? [
            t('confirm:referenceLabel'),
            { spell: app.reference },
            t('voice:referenceAgain'),
            { spell: app.reference },
            t('confirm:next', { phone: lender.phone }),
          ]
        : view === 'waiting'
          ? [t('confirm:notReceived'), t('confirm:pending')]
          : view === 'missing'
            ? [t('confirm:missing')]
            : [t('confirm:refused')],
  });
  const [isCopied, setCopied] = useState(false);
  // Said once, politely, when an application that was waiting here has been sent. If the
  // person had pressed "Try to send it now", that button is gone and focus with it: it goes
  // to the new heading, so the reference number is next in reading order.
  const wasWaiting = useRef(false);
  const sentHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (view === 'waiting') wasWaiting.current = true;
    else if (app && wasWaiting.current) {
      wasWaiting.current = false;
      announce(t('confirm:sentNow', { reference: app.reference }));
      const active = document.activeElement;
      if ((!active || active === document.body) && sentHeading.current) {
        moveFocusTo(sentHeading.current);
      }
    }
  }, [view, app, t]);
  if (view === 'waiting') {
    return (
      <>
        <div class="waiting-panel">
          <h1>
            <StatusIcon kind="waiting" />
            {title}
          </h1>
          <p>
            <strong>{t('confirm:notReceived')}</strong>
          </p>
          <p>{t('confirm:pending')}</p>
        </div>
        <p>
          <button type="button" class="button" onClick={() => void flushOutbox({ force: true })}>
            {t('confirm:tryNow')}
          </button>
        </p>
        <p>
          <AppLink href={SIDE_PAGES.applications}>{t('confirm:mine')}</AppLink>
        </p>
      </>
    );
  }
  if (view === 'refused' && entry) {
    return (
      <>
        <h1>{title}</h1>
        <p>{t('confirm:refused')}</p>
        <p>
          <button
            type="button"
            class="button button--primary"
            onClick={() => void changeRefusedApplication(entry)}
          >
            {t('confirm:change')}
          </button>
        </p>
      </>
    );
  }
  if (!app) {
    return (
      <>
        <h1>{t('confirm:missingTitle')}</h1>
        <p>{t('confirm:missing')}</p>
        <p>
          <AppLink href={SIDE_PAGES.applications}>{t('confirm:mine')}</AppLink>
        </p>
      </>
    );
  }
  const date = formatDate(new Date(app.withdrawableUntil), lang);
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(app.reference);
      setCopied(true);
      announce(t('confirm:copied'));
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <div class="confirmation-panel">
        <h1 ref={sentHeading}>
          <StatusIcon kind="sent" />
          {t('confirm:title')}
        </h1>
        <p>{t('confirm:referenceLabel')}</p>
        <p class="reference" lang="en">
          {app.reference}
        </p>
        <button type="button" class="button" onClick={onCopy}>
          {isCopied ? t('confirm:copied') : t('confirm:copy')}
        </button>
      </div>
      <h2>{t('confirm:nextTitle')}</h2>
      <p>{t('confirm:next', { phone: lender.phone })}</p>
      <h2>{t('confirm:withdrawTitle')}</h2>
      <p>{t('confirm:withdraw', { days: lender.coolingOffDays, date })}</p>
      <p>
        <AppLink href={SIDE_PAGES.applications} class="button button--primary">
          {t('confirm:mine')}
        </AppLink>
      </p>
      <p>
        {t('confirm:questions')}{' '}
        <a href={telHref(lender.phone)}>{t('confirm:call', { phone: lender.phone })}</a>
      </p>
    </>
  );
}
