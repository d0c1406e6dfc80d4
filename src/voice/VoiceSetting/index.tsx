import { useT } from '../../core/i18n';
import { guidanceControls, voiceStatus } from '../../core/page-script';
import { settings, updateSettings } from '../../core/settings/settings-store';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { primeSpeech } from '../speaker-prime';
import { unavailableMessage } from '../VoiceBar';

/** Props of VoiceSetting. */
export interface VoiceSettingProps {
  name: string;
  isInline?: boolean;
}

/** Spoken guidance on or off, saying plainly when this device cannot speak. Turning it on
 *  speaks a first line inside the same tap, which is what lets iOS speak later. */
export function VoiceSetting({ name, isInline }: VoiceSettingProps) {
  const { t, lang } = useT();
  const current = settings.value;
  const message = current.voiceGuidance ? unavailableMessage(voiceStatus.value, t) : null;
  return (
    <>
      <ChoiceGroup
        name={name}
        legend={t('voice:legend')}
        hint={t('voice:hint')}
        isInline={isInline}
        options={[
          { value: 'off', label: t('voice:off') },
          { value: 'on', label: t('voice:on') },
        ]}
        value={current.voiceGuidance ? 'on' : 'off'}
        onChange={(choice) => {
          const isOn = choice === 'on';
          if (isOn) primeSpeech(t('voice:turnedOn'), lang, current.voiceRate);
          else guidanceControls.value?.stop();
          updateSettings({ voiceGuidance: isOn });
        }}
      />
      {message && <p class="panel voice-unavailable">{message}</p>}
    </>
  );
}
