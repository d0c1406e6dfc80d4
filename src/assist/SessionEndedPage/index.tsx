import { useEffect } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { AppLink } from '../../ui/AppLink';
import { lastWipe } from '../end-session';

// Spoken guidance is switched off by the wipe (settings go back to the defaults); its
// shutdown stops speech, so the confirmation is said once that has happened.
const SPEAK_AFTER_MS = 300;

/** "Session ended: this tablet is cleared", on screen and, if guidance was on, aloud; with
 *  the applications still waiting to be sent, which were kept. */
export function SessionEndedPage() {
  const { t } = useT();
  const wipe = lastWipe.value;
  const unsentText =
    wipe && wipe.unsent > 0 ? t('assist:ended.unsent', { count: wipe.unsent }) : null;
  const lines = [
    t('assist:ended.title'),
    t('assist:ended.text'),
    ...(unsentText ? [unsentText] : []),
  ];
  usePage(t('assist:ended.title'), { speech: lines.slice(1) });
  useEffect(() => {
    const voice = lastWipe.value?.voice;
    if (!voice) return;
    const timer = setTimeout(() => {
      void import('../../voice/speak-once').then((m) => m.speakOnce(lines, voice));
    }, SPEAK_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <>
      <h1>{t('assist:ended.title')}</h1>
      <p>{t('assist:ended.text')}</p>
      {unsentText && (
        <div class="panel">
          <p>{unsentText}</p>
        </div>
      )}
      <p>
        <AppLink href="/" class="button button--primary button--wide">
          {t('assist:ended.home')}
        </AppLink>
      </p>
    </>
  );
}
