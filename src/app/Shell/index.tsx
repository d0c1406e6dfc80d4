import { useEffect } from 'preact/hooks';
import { moveFocusTo } from '../../core/focus';
import { useT } from '../../core/i18n';
import { announce, PageIsHeld } from '../../core/page';
import { listenToHistory, location } from '../../core/router';
import { settings, updateSettings } from '../../core/settings/settings-store';
import { AnswerNews } from '../../journey/AnswerNews';
import { isStorageFull } from '../../journey/draft-status';
import { AppLink } from '../../ui/AppLink';
import { VoiceBar } from '../../voice/VoiceBar';
import { Announcer } from '../Announcer';
import { GetHelp } from '../GetHelp';
import { PageLoadFailed } from '../PageLoadFailed';
import { useRoutePage } from '../routes';
import { applyUpdate, isUpdateWaiting, postponeUpdate, UPDATE_SAFE_PATHS } from '../sw-bridge';
import { UpdatePrompt } from '../UpdatePrompt';
import { useAssistParts } from './assist-parts';

/** How long the next page may take to load before a screen reader is told it is loading: a
 *  page that comes sooner needs no word, and its own title is announced when it shows. */
const LOADING_SAID_AFTER_MS = 1000;

// The draft lives in the journey's store, loaded on demand; an update saves it before reloading.
const saveDraft = () => import('../../journey/store').then((m) => m.flushDraft());

/** The frame of every page: skip link, header with "Get help", the Privacy toggle, "What we
 *  keep", Settings and (while spoken guidance is on) "Read this page", the page in main, the
 *  footer, and the live region. */
export function Shell() {
  const { t } = useT();
  useEffect(() => listenToHistory(), []);
  const { Page, isHeld, failures, retry } = useRoutePage(location.value.path);
  const assist = useAssistParts();
  // Once per wait: the page pressed from stays on screen meanwhile, so nothing else says it.
  useEffect(() => {
    if (!isHeld) return;
    const timer = setTimeout(() => announce(t('page.loading')), LOADING_SAID_AFTER_MS);
    return () => clearTimeout(timer);
  }, [isHeld, t]);
  const isFull = isStorageFull.value;
  useEffect(() => {
    if (isFull) announce(t('storageFull.text'));
  }, [isFull, t]);
  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a real link to #main that works without
          script; the click only lets main take focus for this one visit, and the browser then
          follows the link as usual. */}
      <a
        class="skip-link"
        href="#main"
        onClick={() => {
          const main = document.getElementById('main');
          if (main) moveFocusTo(main);
        }}
      >
        {t('skipToMain')}
      </a>
      <header class="header">
        <div class="page-width header__inner">
          <AppLink href="/" class="header__name">
            {t('appName')}
          </AppLink>
          <nav class="header__nav" aria-label={t('nav.label')}>
            <GetHelp />
            <button
              type="button"
              class="button header__button"
              aria-pressed={settings.value.privacy}
              onClick={() => updateSettings({ privacy: !settings.value.privacy })}
            >
              {t('nav.privacy')}
            </button>
            <AppLink href="/privacy" class="button header__button">
              {t('nav.keeps')}
            </AppLink>
            <AppLink href="/settings" class="button header__button">
              {t('nav.settings')}
            </AppLink>
          </nav>
        </div>
        <VoiceBar />
        {assist && <assist.Banner />}
      </header>
      {isUpdateWaiting.value && UPDATE_SAFE_PATHS.includes(location.value.path) && (
        <UpdatePrompt onUpdate={() => void applyUpdate(saveDraft)} onLater={postponeUpdate} />
      )}
      {isFull && (
        <section class="panel page-width" aria-labelledby="storage-full-title">
          <h2 id="storage-full-title">{t('storageFull.title')}</h2>
          <p>{t('storageFull.text')}</p>
        </section>
      )}
      <AnswerNews />
      <main id="main">
        <div class="page-width">
          {Page ? (
            <PageIsHeld.Provider value={isHeld}>
              <Page />
            </PageIsHeld.Provider>
          ) : failures > 0 ? (
            <PageLoadFailed failures={failures} onRetry={retry} />
          ) : null}
        </div>
      </main>
      <footer class="footer">
        <div class="page-width">
          <p>{t('footer.text')}</p>
        </div>
      </footer>
      <Announcer />
      {assist && <assist.Idle />}
      {assist && <assist.Precache />}
    </>
  );
}
