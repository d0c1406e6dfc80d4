import { useT } from '../../core/i18n';

/** Props of UpdatePrompt. */
export interface UpdatePromptProps {
  onUpdate: () => void;
  onLater: () => void;
}

/** Offers a waiting new version. It never reloads by itself: the person chooses when. */
export function UpdatePrompt({ onUpdate, onLater }: UpdatePromptProps) {
  const { t } = useT();
  return (
    <section class="update-prompt" aria-labelledby="update-prompt-title">
      <div class="page-width">
        <h2 id="update-prompt-title">{t('update.title')}</h2>
        <p>{t('update.text')}</p>
        <div class="button-row">
          <button type="button" class="button button--primary" onClick={onUpdate}>
            {t('update.now')}
          </button>
          <button type="button" class="button" onClick={onLater}>
            {t('update.later')}
          </button>
        </div>
      </div>
    </section>
  );
}
