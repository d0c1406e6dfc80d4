import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { THEMES } from '../../core/settings/settings-state';
import { settings, updateSettings } from '../../core/settings/settings-store';
import { AppLink } from '../../ui/AppLink';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { VoiceOptions } from '../../voice/VoiceOptions';
import { VoiceSetting } from '../../voice/VoiceSetting';
import { ReadingChoices } from '../ReadingChoices';

/** Settings: language, text size, theme, motion, privacy and spoken guidance, applied at once and kept on the device. */
export function SettingsPage() {
  const { t } = useT();
  usePage(t('settings.title'), { speech: [t('settings.intro')] });
  const current = settings.value;
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <p class="hint">{t('settings.intro')}</p>
      <ReadingChoices prefix="" />
      <ChoiceGroup
        name="theme"
        legend={t('settings.theme.legend')}
        hint={t('settings.theme.hint')}
        options={THEMES.map((theme) => ({
          value: theme,
          // t('settings.theme.auto') t('settings.theme.light') t('settings.theme.dark')
          // t('settings.theme.contrast')
          label: t(`settings.theme.${theme}`),
        }))}
        value={current.theme}
        onChange={(theme) => updateSettings({ theme })}
      />
      <ChoiceGroup
        name="motion"
        legend={t('settings.motion.legend')}
        hint={t('settings.motion.hint')}
        options={[
          { value: 'auto', label: t('settings.motion.auto') },
          { value: 'reduce', label: t('settings.motion.reduce') },
        ]}
        value={current.reduceMotion ? 'reduce' : 'auto'}
        onChange={(motion) => updateSettings({ reduceMotion: motion === 'reduce' })}
      />
      <ChoiceGroup
        name="privacy"
        legend={t('settings.privacy.legend')}
        hint={t('settings.privacy.hint')}
        options={[
          { value: 'off', label: t('settings.privacy.off') },
          { value: 'on', label: t('settings.privacy.on') },
        ]}
        value={current.privacy ? 'on' : 'off'}
        onChange={(privacy) => updateSettings({ privacy: privacy === 'on' })}
      />
      <VoiceSetting name="voice" />
      <VoiceOptions />
      <h2>{t('settings.staff.title')}</h2>
      <p>
        <AppLink href="/settings/staff">{t('settings.staff.link')}</AppLink>
      </p>
    </>
  );
}
