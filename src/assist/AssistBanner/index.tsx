import { useEffect } from 'preact/hooks';
import { ASSIST_PATHS } from '../../core/assist-paths';
import { useT } from '../../core/i18n';
import { staffSession } from '../../core/staff-session';
import { AppLink } from '../../ui/AppLink';
import { confirmStaffSession } from '../confirm-staff-session';
import { endSessionsLeftOpen } from '../sign-out';
import { useAllStrings } from '../use-all-strings';

/** "Helped by <name>, <branch>" with "Carry on later" (a resume code for the application in
 *  progress) and "End session", on every page while staff are signed in. It sits in the
 *  header (the banner landmark) and never takes focus on its own. */
export function AssistBanner() {
  const token = staffSession.value?.token;
  // Sessions signed out here while the bank could not be reached end there when it can.
  useEffect(() => {
    void endSessionsLeftOpen();
    const onOnline = () => void endSessionsLeftOpen();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, []);
  // Once for each session this tab holds (after a reload too): does the server still agree?
  useEffect(() => {
    if (token) void confirmStaffSession();
  }, [token]);
  return staffSession.value ? <Banner /> : null;
}

function Banner() {
  const { t } = useT();
  const isReady = useAllStrings();
  const session = staffSession.value;
  if (!session || !isReady) return null;
  return (
    <section class="assist-banner" aria-labelledby="assist-banner-text">
      <div class="page-width assist-banner__inner">
        <p id="assist-banner-text" class="assist-banner__text">
          {t('assist:banner.helpedBy', { name: session.staff.name, branch: session.staff.branch })}
        </p>
        <span class="assist-banner__actions">
          <AppLink href={ASSIST_PATHS.newCode} class="button header__button">
            {t('assist:banner.code')}
          </AppLink>
          <AppLink href={ASSIST_PATHS.endSession} class="button header__button">
            {t('assist:banner.end')}
          </AppLink>
        </span>
      </div>
    </section>
  );
}
