import { useState } from 'preact/hooks';
import { lender, telHref } from '../../core/config';
import { useT } from '../../core/i18n';

/** The same "Get help" control in the same place on every page (WCAG 3.2.6): a disclosure
 *  with the lender's phone number. */
export function GetHelp() {
  const { t } = useT();
  const [isOpen, setOpen] = useState(false);
  return (
    <div class="get-help">
      <button
        type="button"
        class="button header__button"
        aria-expanded={isOpen}
        aria-controls="get-help-panel"
        onClick={() => setOpen(!isOpen)}
      >
        {t('help.button')}
      </button>
      <div id="get-help-panel" class="get-help__panel" hidden={!isOpen}>
        <p>{t('help.text')}</p>
        <p>
          <a class="button" href={telHref(lender.phone)}>
            {t('help.call', { phone: lender.phone })}
          </a>
        </p>
      </div>
    </div>
  );
}
