import { useT } from '../../core/i18n';
import { guidanceControls, voiceStatus } from '../../core/page-script';
import { VOICE_RATES } from '../../core/settings/settings-state';
import { settings, updateSettings } from '../../core/settings/settings-store';
import { ChoiceGroup } from '../../ui/ChoiceGroup';

// Plain names for the speeds, in the order of VOICE_RATES.
const RATE_NAMES = ['verySlow', 'slow', 'usual', 'normal', 'fast', 'veryFast'] as const;

/** Speed and voice of spoken guidance, shown in Settings while guidance is on. A change is
 *  heard at once in a short sample. No slider: each speed is a large radio option. */
export function VoiceOptions() {
  const { t, lang } = useT();
  const current = settings.value;
  const status = voiceStatus.value;
  if (!current.voiceGuidance) return null;
  const times = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const sample = () => guidanceControls.value?.say(t('voice:sample'));
  const defaultName =
    status.kind === 'ready' ? status.voices.find((v) => v.uri === status.defaultURI)?.name : null;
  return (
    <>
      <ChoiceGroup
        name="voice-rate"
        legend={t('voice:rateLegend')}
        hint={t('voice:rateHint')}
        options={VOICE_RATES.map((rate, i) => ({
          value: String(rate),
          // t('voice:rates.verySlow') t('voice:rates.slow') t('voice:rates.usual')
          // t('voice:rates.normal') t('voice:rates.fast') t('voice:rates.veryFast')
          label: t(`voice:rates.${RATE_NAMES[i]}`, { rate: times.format(rate) }),
        }))}
        value={String(current.voiceRate)}
        onChange={(rate) => {
          updateSettings({ voiceRate: Number(rate) });
          sample();
        }}
      />
      {status.kind === 'ready' && (
        <ChoiceGroup
          name="voice-name"
          legend={t('voice:voiceLegend')}
          hint={t('voice:voiceHint')}
          options={[
            { value: '', label: t('voice:automatic', { name: defaultName ?? '' }) },
            ...status.voices.map((v) => ({ value: v.uri, label: v.name })),
          ]}
          value={status.voices.some((v) => v.uri === current.voiceURI) ? current.voiceURI : ''}
          onChange={(voiceURI) => {
            updateSettings({ voiceURI });
            sample();
          }}
        />
      )}
    </>
  );
}
