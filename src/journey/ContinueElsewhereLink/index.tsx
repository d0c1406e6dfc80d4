import { ASSIST_PATHS } from '../../core/assist-paths';
import { useT } from '../../core/i18n';
import { AppLink } from '../../ui/AppLink';

/** "Carry on later with a code": to the page that gives a resume code for this application. */
export function ContinueElsewhereLink() {
  const { t } = useT();
  return (
    <p>
      <AppLink href={ASSIST_PATHS.newCode}>{t('assist:code.link')}</AppLink>
    </p>
  );
}
