import { chooseLanguage, useT } from '../../core/i18n';
import { LANGUAGES, TEXT_SIZES } from '../../core/settings/settings-state';
import { settings, updateSettings } from '../../core/settings/settings-store';
import { ChoiceGroup } from '../../ui/ChoiceGroup';

/** Language names are always shown in their own language, so anyone can find theirs. */
export const LANGUAGE_NAMES = { en: 'English', 'zh-CN': '简体中文' } as const;

/** The two choices a person needs before they can read anything else (language and text
 *  size), offered the same way on Welcome and in Settings. `prefix` keeps the radio names
 *  of the two pages apart. */
export function ReadingChoices({ prefix }: { prefix: string }) {
  const { t } = useT();
  const current = settings.value;
  return (
    <>
      <ChoiceGroup
        name={`${prefix}language`}
        legend={t('settings.language.legend')}
        hint={t('settings.language.hint')}
        isInline
        options={LANGUAGES.map((lang) => ({ value: lang, label: LANGUAGE_NAMES[lang], lang }))}
        value={current.lang}
        onChange={(lang) => void chooseLanguage(lang)}
      />
      <ChoiceGroup
        name={`${prefix}text-size`}
        legend={t('settings.textSize.legend')}
        hint={t('settings.textSize.hint')}
        isInline
        options={TEXT_SIZES.map((size) => ({
          value: size,
          // t('settings.textSize.option100') t('settings.textSize.option150')
          // t('settings.textSize.option200')
          label: t(`settings.textSize.option${size}`),
        }))}
        value={current.textSize}
        onChange={(textSize) => updateSettings({ textSize })}
      />
    </>
  );
}
