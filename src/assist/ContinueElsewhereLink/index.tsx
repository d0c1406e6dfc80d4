import { useT } from '../../app/i18n';
import { AppLink } from '../../ui/AppLink';
import { ASSIST_PATHS } from '../paths';

/** "Continue at the branch": to the page that gives a resume code for this application. */
export function ContinueElsewhereLink() {
  const { t } = useT();
  return (
    <p>
      <AppLink href={ASSIST_PATHS.newCode}>{t('assist:code.link')}</AppLink>
    </p>
  );
}
