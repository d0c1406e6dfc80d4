import { lender, telHref } from '../../core/config';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { AppLink } from '../../ui/AppLink';
import { pathOf } from '../flow';

/** Shown when someone is pressuring the applicant: calm advice and a person to call. The
 *  application stays a draft on this device and is not sent. */
export function SafetyStopPage() {
  const { t } = useT();
  usePage(t('safety:stop.title'), {
    speech: [
      t('safety:stop.notSent'),
      t('safety:stop.nobody'),
      t('safety:stop.call'),
      t('safety:stop.callButton', { phone: lender.phone }),
      t('safety:stop.danger'),
    ],
  });
  return (
    <>
      <h1>{t('safety:stop.title')}</h1>
      <p class="lead">{t('safety:stop.notSent')}</p>
      <p>{t('safety:stop.nobody')}</p>
      <div class="panel">
        <p>{t('safety:stop.call')}</p>
        <p>
          <a class="button button--primary" href={telHref(lender.phone)}>
            {t('safety:stop.callButton', { phone: lender.phone })}
          </a>
        </p>
        <p>{t('safety:stop.danger')}</p>
      </div>
      <p>
        <AppLink href={pathOf('safety')}>{t('safety:stop.back')}</AppLink>
      </p>
    </>
  );
}
