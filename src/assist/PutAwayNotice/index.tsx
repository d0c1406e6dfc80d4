import { useEffect } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { putAway } from '../issued-code';

/** On Welcome after a shared tablet was left idle: the application was put away on the
 *  tablet, and staff can open it again. It says nothing about whose it was. */
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
      <p>{t('assist:timedOut.text')}</p>
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
