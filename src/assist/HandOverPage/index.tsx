import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { navigate } from '../../core/router';
import { handOver } from '../../journey/answering';
import { pathOf } from '../../journey/flow';
import { BackLink } from '../../ui/BackLink';

/** Before the safety question in an assisted session: staff pass the tablet to the
 *  applicant, who answers the safety question, checks the answers, and gives the teach-back
 *  and the declaration alone (no "who is answering" choice on those; they are recorded as
 *  the applicant's). The title and heading carry no name: the tab's history and people
 *  nearby in the branch would keep or see it. */
export function HandOverPage() {
  const { t } = useT();
  usePage(t('assist:handOver.title'), {
    speech: [t('assist:handOver.text'), t('assist:handOver.staff')],
  });
  return (
    <>
      <BackLink href={pathOf('trusted-contact')} label={t('journey:back')} />
      <h1>{t('assist:handOver.title')}</h1>
      <p class="lead">{t('assist:handOver.text')}</p>
      <p>{t('assist:handOver.staff')}</p>
      <div class="form-actions">
        <button
          type="button"
          class="button button--primary button--wide"
          onClick={() => {
            handOver();
            navigate(pathOf('safety'));
          }}
        >
          {t('assist:handOver.continue')}
        </button>
      </div>
    </>
  );
}
