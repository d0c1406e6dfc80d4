import { useEffect } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { AppLink } from '../../ui/AppLink';
import { lastWipe } from '../end-session';

// Spoken guidance is switched off by the wipe (settings go back to the defaults); its
// shutdown stops speech, so the confirmation is said once that has happened.
const SPEAK_AFTER_MS = 300;

/** "Session ended: this tablet is cleared", on screen and, if guidance was on, aloud; and,
 *  truthfully, what stays: applications waiting to be sent and drafts put away for staff,
 *  both sealed, and how each leaves. */
export function SessionEndedPage() {
  const { t } = useT();
  const wipe = lastWipe.value;
  const kept = [
    ...(wipe && wipe.unsent > 0 ? [t('assist:ended.unsent', { count: wipe.unsent })] : []),
    ...(wipe && wipe.parked > 0 ? [t('assist:ended.parked', { count: wipe.parked })] : []),
  ];
  const text = kept.length > 0 ? t('assist:ended.textKept') : t('assist:ended.text');
  const lines = [t('assist:ended.title'), text, ...kept];
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
      <p>{text}</p>
      {kept.length > 0 && (
        <div class="panel">
          {kept.map((line) => (
            <p key={line}>{line}</p>
          ))}
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
