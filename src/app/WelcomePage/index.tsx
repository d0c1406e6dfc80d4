import { PutAwayNotice } from '../../assist/PutAwayNotice';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { isDraftRestored, resumePath, wasDraftLeft } from '../../journey/draft-status';
import { AppLink } from '../../ui/AppLink';
import { VoiceSetting } from '../../voice/VoiceSetting';
import { ReadingChoices } from '../ReadingChoices';

/** The first page: what Kindly does, the way in, and the choices a person needs to be able
 *  to read it at all (language, text size, spoken guidance) without hunting for Settings. */
export function WelcomePage() {
  const { t } = useT();
  usePage(t('welcome.title'), { speech: [t('welcome.intro')] });
  const isKeepingPlace = !resumePath.value && !isDraftRestored.value && wasDraftLeft();
  return (
    <>
      <h1>{t('welcome.title')}</h1>
      <p class="lead">{t('welcome.intro')}</p>
      <PutAwayNotice />
      {resumePath.value ? (
        <p>
          <AppLink href={resumePath.value} class="button button--primary button--wide">
            {t('welcome.continue')}
          </AppLink>
        </p>
      ) : (
        isKeepingPlace && (
          // Keeps the link's place, unseen and unread, while the draft is read (a few
          // milliseconds after the first render), so that "Start" does not move under a finger.
          <p class="welcome__keep-place" aria-hidden="true">
            <span class="button button--primary button--wide">{t('welcome.continue')}</span>
          </p>
        )
      )}
      <p>
        <AppLink
          href="/apply"
          class={
            resumePath.value || isKeepingPlace
              ? 'button button--wide'
              : 'button button--primary button--wide'
          }
        >
          {t('welcome.start')}
        </AppLink>
      </p>
      <p>
        <AppLink href="/applications">{t('welcome.mine')}</AppLink>
      </p>
      <p>
        <AppLink href="/resume">{t('welcome.haveCode')}</AppLink>
      </p>
      <section class="welcome__choices" aria-labelledby="welcome-choices">
        <h2 id="welcome-choices">{t('welcome.choicesTitle')}</h2>
        <ReadingChoices prefix="welcome-" />
        <VoiceSetting name="welcome-voice" isInline />
        <p>
          <AppLink href="/settings">{t('welcome.moreSettings')}</AppLink>
        </p>
      </section>
    </>
  );
}
