import { useEffect } from 'preact/hooks';
import { ASSIST_PATHS } from '../../core/assist-paths';
import { useT } from '../../core/i18n';
import { staffSession } from '../../core/staff-session';
import { AppLink } from '../../ui/AppLink';
import { confirmStaffSession } from '../confirm-staff-session';
import { useAllStrings } from '../use-all-strings';

/** "Helped by <name>, <branch>" with "End session", on every page while staff are signed in.
 *  It sits in the header (the banner landmark) and never takes focus on its own. */
export function AssistBanner() {
  const token = staffSession.value?.token;
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
        <AppLink href={ASSIST_PATHS.endSession} class="button header__button">
          {t('assist:banner.end')}
        </AppLink>
      </div>
    </section>
  );
}
