import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { AppLink } from '../../ui/AppLink';

/** Shown for an address Kindly does not have, with a way back to the start. */
export function NotFoundPage() {
  const { t } = useT();
  usePage(t('notFound.title'), { speech: [t('notFound.text')] });
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <AppLink href="/">{t('notFound.home')}</AppLink>
      </p>
    </>
  );
}
