import { useEffect } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { announce, usePage } from '../../core/page';

/** What PageLoadFailed needs: how many tries have failed and how to try again. */
export interface PageLoadFailedProps {
  failures: number;
  onRetry: () => void;
}

/** Shown in place of a page whose code could not be fetched (offline before the service
 *  worker had it): says so plainly, with Try again, and tries again by itself when the
 *  connection comes back, so a flapping connection never leaves an empty page. */
export function PageLoadFailed({ failures, onRetry }: PageLoadFailedProps) {
  const { t } = useT();
  const title = t('pageLoadFailed.title');
  const isRetryFailed = failures > 1;
  usePage(title, {
    speech: [t('pageLoadFailed.text'), ...(isRetryFailed ? [t('pageLoadFailed.still')] : [])],
  });
  useEffect(() => {
    window.addEventListener('online', onRetry);
    return () => window.removeEventListener('online', onRetry);
  }, [onRetry]);
  // A press of Try again that fails too changes nothing on screen but this line: say it.
  useEffect(() => {
    if (isRetryFailed) announce(t('pageLoadFailed.still'));
  }, [failures, isRetryFailed, t]);
  return (
    <>
      <h1>{title}</h1>
      <p>{t('pageLoadFailed.text')}</p>
      {isRetryFailed && <p>{t('pageLoadFailed.still')}</p>}
      <p>
        <button type="button" class="button button--primary" onClick={onRetry}>
          {t('pageLoadFailed.retry')}
        </button>
      </p>
    </>
  );
}
