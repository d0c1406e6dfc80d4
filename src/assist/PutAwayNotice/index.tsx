import { useEffect } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { putAway } from '../issued-code';
import { ResumeCode } from '../ResumeCode';

/** On Welcome after a shared tablet was left idle: the code to carry on with (or that the
 *  draft stayed on the tablet), until "I have written it down" or the person moves on, so
 *  the next customer does not see it. */
export function PutAwayNotice() {
  const { t } = useT();
  const notice = putAway.value;
  useEffect(
    () => () => {
      putAway.value = null;
    },
    [],
  );
  if (!notice) return null;
  return (
    <section class="panel" aria-labelledby="put-away-title">
      <h2 id="put-away-title">{t('assist:timedOut.title')}</h2>
      {notice.kind === 'code' ? (
        <>
          <p>{t('assist:timedOut.code')}</p>
          <ResumeCode code={notice.code} expiresAt={notice.expiresAt} />
        </>
      ) : (
        <p>{t('assist:timedOut.local')}</p>
      )}
      <button
        type="button"
        class="button"
        onClick={() => {
          putAway.value = null;
        }}
      >
        {t('assist:timedOut.done')}
      </button>
    </section>
  );
}
