import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { navigate } from '../../core/router';
import { settings } from '../../core/settings/settings-store';
import { pathOf } from '../../journey/flow';
import { answers } from '../../journey/store';
import { BackLink } from '../../ui/BackLink';

/** Before the teach-back in an assisted session: staff pass the tablet to the applicant,
 *  who answers the teach-back and the declaration alone (no "who is answering" choice there;
 *  both are always recorded as the applicant's). */
export function HandOverPage() {
  const { t } = useT();
  // With privacy mode on, the customer's name stays off the screen (and the tab's title):
  // people nearby in the branch can read a heading this large.
  const name = settings.value.privacy ? '' : answers.value.fullName.trim();
  const title = name ? t('assist:handOver.title', { name }) : t('assist:handOver.titleNoName');
  usePage(title, { speech: [t('assist:handOver.text'), t('assist:handOver.staff')] });
  return (
    <>
      <BackLink href={pathOf('check')} label={t('journey:back')} />
      <h1>{title}</h1>
      <p class="lead">{t('assist:handOver.text')}</p>
      <p>{t('assist:handOver.staff')}</p>
      <div class="form-actions">
        <button
          type="button"
          class="button button--primary button--wide"
          onClick={() => navigate(pathOf('understand'))}
        >
          {t('assist:handOver.continue')}
        </button>
      </div>
    </>
  );
}
