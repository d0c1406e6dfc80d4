import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { guidanceControls } from '../../core/page-script';
import { location } from '../../core/router';
import { isSharedDevice } from '../../core/staff-session';
import { resumePath } from '../../journey/draft-status';
import { momentText } from '../format';
import { ACTIVITY_EVENTS, createIdleTimer, type IdleTimer } from '../idle';
import { putApplicationAway } from '../idle-timeout';
import { useAllStrings } from '../use-all-strings';

/** On a shared tablet with an application open: after five minutes without input, an
 *  alert dialog (announced, and spoken when guidance is on) offers "I need more time";
 *  without an answer the application is saved and put away. Welcome itself shows nothing
 *  personal, so it is not watched. */
export function IdleWatch() {
  const isWatching =
    isSharedDevice.value && resumePath.value !== null && location.value.path !== '/';
  return isWatching ? <IdleWarning /> : null;
}

function IdleWarning() {
  const { t, lang } = useT();
  const isReady = useAllStrings();
  const [until, setUntil] = useState<number | null>(null);
  const timer = useRef<IdleTimer | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const idle = createIdleTimer({
      onWarn: (at) => setUntil(at),
      onTimeout: () => {
        setUntil(null);
        void putApplicationAway();
      },
    });
    timer.current = idle;
    const onActivity = () => idle.activity();
    for (const type of ACTIVITY_EVENTS) document.addEventListener(type, onActivity, true);
    document.addEventListener('visibilitychange', onActivity);
    return () => {
      idle.stop();
      for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, onActivity, true);
      document.removeEventListener('visibilitychange', onActivity);
    };
  }, []);

  const text = until
    ? t('assist:idle.text', { time: momentText(new Date(until).toISOString(), lang) })
    : '';
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (until && isReady && !element.open) {
      // A modal dialog makes the page behind it inert and takes focus to its button, so a
      // screen reader announces the alert dialog with its title and text.
      element.showModal();
      guidanceControls.value?.say(`${t('assist:idle.title')} ${text}`);
    } else if (!until && element.open) element.close();
  }, [until, isReady, text, t]);

  const moreTime = () => {
    timer.current?.extend();
    setUntil(null);
    guidanceControls.value?.stop();
  };

  return (
    <dialog
      ref={dialog}
      class="idle-warning"
      role="alertdialog"
      aria-labelledby="idle-warning-title"
      aria-describedby="idle-warning-text"
      onCancel={(event) => {
        // Escape means "not now": it gives more time, as the button does.
        event.preventDefault();
        moreTime();
      }}
    >
      {/* The message scrolls on its own and the button stays in view below it, so at 320 px
          and 200% text the title is on screen along with the button that has focus. */}
      <div class="idle-warning__message">
        <h2 id="idle-warning-title">{t('assist:idle.title')}</h2>
        <p id="idle-warning-text">{text}</p>
      </div>
      <button
        type="button"
        class="button button--primary button--wide"
        onClick={moreTime}
        // Focus goes here when the dialog opens, not to the message should it scroll.
        autofocus
      >
        {t('assist:idle.more')}
      </button>
    </dialog>
  );
}
