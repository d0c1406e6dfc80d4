import { useEffect } from 'preact/hooks';
import { type Translate, useT } from '../../core/i18n';
import { guidanceControls, type VoiceStatus, voiceStatus } from '../../core/page-script';
import { settings } from '../../core/settings/settings-store';

/** The plain sentence saying why guidance cannot speak, or null when it can (or is off). */
export function unavailableMessage(status: VoiceStatus, t: Translate): string | null {
  if (status.kind !== 'unavailable') return null;
  return status.reason === 'no-speech' ? t('voice:noSpeech') : t('voice:noVoice');
}

/** Loads and runs spoken guidance while the setting is on; nothing is fetched otherwise. */
function useGuidance(isOn: boolean): void {
  useEffect(() => {
    if (!isOn) return;
    let isCurrent = true;
    let dispose: (() => void) | null = null;
    import('../guidance').then((m) => {
      if (isCurrent) dispose = m.startGuidance();
    });
    return () => {
      isCurrent = false;
      dispose?.();
    };
  }, [isOn]);
}

/** "Read this page" and "Stop", in the header of every page while guidance is on, or a
 *  plain sentence when this device cannot speak the page's language. */
export function VoiceBar() {
  const { t } = useT();
  const isOn = settings.value.voiceGuidance;
  useGuidance(isOn);
  if (!isOn) return null;
  const status = voiceStatus.value;
  const controls = guidanceControls.value;
  const message = unavailableMessage(status, t);
  return (
    <div class="voice-bar">
      <div class="page-width voice-bar__inner">
        {message ? (
          <p class="voice-bar__message">{message}</p>
        ) : status.kind === 'ready' && controls ? (
          <>
            <button type="button" class="button voice-bar__button" onClick={controls.readPage}>
              {t('voice:read')}
            </button>
            <button type="button" class="button voice-bar__button" onClick={controls.stop}>
              {t('voice:stop')}
            </button>
          </>
        ) : (
          <p class="voice-bar__message">{t('voice:checking')}</p>
        )}
      </div>
    </div>
  );
}
