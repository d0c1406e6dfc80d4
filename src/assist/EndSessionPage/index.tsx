import { useEffect, useState } from 'preact/hooks';
import { ASSIST_PATHS } from '../../core/assist-paths';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { navigate, navigateAfresh } from '../../core/router';
import { hasAnswers } from '../../journey/store';
import { AppLink } from '../../ui/AppLink';
import { endAssistedSession, unsentCount } from '../end-session';

/** "End this session?": says what will be cleared; with an application not finished, offers
 *  a code to carry on with it first; says plainly that an application not yet sent stays on
 *  the tablet. Nothing is wiped until staff confirm, and afterwards Back leads to the start,
 *  not to a page of this customer's. */
export function EndSessionPage() {
  const { t } = useT();
  const [unsent, setUnsent] = useState(0);
  const [isEnding, setEnding] = useState(false);
  const [isUnfinished] = useState(hasAnswers);
  useEffect(() => {
    void unsentCount().then(setUnsent);
  }, []);
  const unsentText = unsent > 0 ? t('assist:end.unsent', { count: unsent }) : null;
  usePage(t('assist:end.title'), {
    speech: [
      t('assist:end.text'),
      ...(isUnfinished ? [t('assist:end.unfinished')] : []),
      ...(unsentText ? [unsentText] : []),
    ],
  });
  const onEnd = async () => {
    if (isEnding) return;
    setEnding(true);
    await endAssistedSession();
    await navigateAfresh(ASSIST_PATHS.sessionEnded);
  };
  return (
    <>
      <h1>{t('assist:end.title')}</h1>
      <p>{t('assist:end.text')}</p>
      {isUnfinished && (
        <div class="panel">
          <p>{t('assist:end.unfinished')}</p>
          <p>
            <AppLink href={ASSIST_PATHS.newCode} class="button button--wide">
              {t('assist:end.getCode')}
            </AppLink>
          </p>
        </div>
      )}
      {unsentText && (
        <div class="panel">
          <p>{unsentText}</p>
        </div>
      )}
      <div class="form-actions">
        <button type="button" class="button button--primary button--wide" onClick={onEnd}>
          {isEnding ? t('assist:end.ending') : t('assist:end.confirm')}
        </button>
        <button
          type="button"
          class="button button--wide"
          // Back to the page staff came from; opened directly, to the start.
          onClick={() => (history.length > 1 ? history.back() : navigate('/'))}
        >
          {t('assist:end.cancel')}
        </button>
      </div>
    </>
  );
}
