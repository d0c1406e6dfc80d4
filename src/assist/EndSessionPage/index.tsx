import { useEffect, useState } from 'preact/hooks';
import { ASSIST_PATHS } from '../../core/assist-paths';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { navigate } from '../../core/router';
import { endAssistedSession, unsentCount } from '../end-session';

/** "End this session?": says what will be cleared and, plainly, that an application not yet
 *  sent stays on the tablet; nothing is wiped until staff confirm. */
export function EndSessionPage() {
  const { t } = useT();
  const [unsent, setUnsent] = useState(0);
  const [isEnding, setEnding] = useState(false);
  useEffect(() => {
    void unsentCount().then(setUnsent);
  }, []);
  const unsentText = unsent > 0 ? t('assist:end.unsent', { count: unsent }) : null;
  usePage(t('assist:end.title'), {
    speech: [t('assist:end.text'), ...(unsentText ? [unsentText] : [])],
  });
  const onEnd = async () => {
    if (isEnding) return;
    setEnding(true);
    await endAssistedSession();
    navigate(ASSIST_PATHS.sessionEnded, { replace: true });
  };
  return (
    <>
      <h1>{t('assist:end.title')}</h1>
      <p>{t('assist:end.text')}</p>
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
