import { useState } from 'preact/hooks';
import { lender, telHref } from '../../app/config';
import { useT } from '../../app/i18n';
import { announce, usePage } from '../../app/page';
import { location } from '../../app/router';
import { listSentApplications } from '../../storage/sent-applications';
import { AppLink } from '../../ui/AppLink';
import { SIDE_PAGES } from '../flow';

/** After sending: the reference number, large and easy to copy, what happens next and
 *  when, how to withdraw within the cooling-off period, and the lender's phone number. */
export function ConfirmationPage() {
  const { t, lang } = useT();
  const id = new URLSearchParams(location.value.search).get('id');
  const app = listSentApplications().find((a) => a.id === id) ?? null;
  // Spoken guidance spells the reference twice, so it can be written down as it is heard.
  usePage(app ? t('confirm:title') : t('confirm:missingTitle'), {
    speech: app
      ? [
          t('confirm:referenceLabel'),
          { spell: app.reference },
          t('voice:referenceAgain'),
          { spell: app.reference },
          t('confirm:next', { phone: lender.phone }),
        ]
      : [t('confirm:missing')],
  });
  const [isCopied, setCopied] = useState(false);
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
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(
    new Date(app.withdrawableUntil),
  );
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
        <h1>{t('confirm:title')}</h1>
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
