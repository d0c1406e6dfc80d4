import { resumePath } from '../../journey/draft-status';
import { AppLink } from '../../ui/AppLink';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { VoiceSetting } from '../../voice/VoiceSetting';
import { chooseLanguage, useT } from '../i18n';
import { usePage } from '../page';
import { LANGUAGES, TEXT_SIZES } from '../settings/settings-state';
import { settings, updateSettings } from '../settings/settings-store';

/** Language names are always shown in their own language, so anyone can find theirs. */
export const LANGUAGE_NAMES = { en: 'English', 'zh-CN': '简体中文' } as const;

/** The first page: what Kindly does, the way in, and the choices a person needs to be able
 *  to read it at all (language, text size, spoken guidance) without hunting for Settings. */
export function WelcomePage() {
  const { t } = useT();
  usePage(t('welcome.title'), { speech: [t('welcome.intro')] });
  const current = settings.value;
  return (
    <>
      <h1>{t('welcome.title')}</h1>
      <p class="lead">{t('welcome.intro')}</p>
      {resumePath.value && (
        <p>
          <AppLink href={resumePath.value} class="button button--primary button--wide">
            {t('welcome.continue')}
          </AppLink>
        </p>
      )}
      <p>
        <AppLink
          href="/apply"
          class={resumePath.value ? 'button button--wide' : 'button button--primary button--wide'}
        >
          {t('welcome.start')}
        </AppLink>
      </p>
      <p>
        <AppLink href="/applications">{t('welcome.mine')}</AppLink>
      </p>
      <section class="welcome__choices" aria-labelledby="welcome-choices">
        <h2 id="welcome-choices">{t('welcome.choicesTitle')}</h2>
        <ChoiceGroup
          name="welcome-language"
          legend={t('settings.language.legend')}
          hint={t('settings.language.hint')}
          isInline
          options={LANGUAGES.map((lang) => ({
            value: lang,
            label: LANGUAGE_NAMES[lang],
            lang,
          }))}
          value={current.lang}
          onChange={(lang) => void chooseLanguage(lang)}
        />
        <ChoiceGroup
          name="welcome-text-size"
          legend={t('settings.textSize.legend')}
          hint={t('settings.textSize.hint')}
          isInline
          options={TEXT_SIZES.map((size) => ({
            value: size,
            label: t(`settings.textSize.option${size}`),
          }))}
          value={current.textSize}
          onChange={(textSize) => updateSettings({ textSize })}
        />
        <VoiceSetting name="welcome-voice" isInline />
        <p>
          <AppLink href="/settings">{t('welcome.moreSettings')}</AppLink>
        </p>
      </section>
    </>
  );
}
