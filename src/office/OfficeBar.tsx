import { useT } from '../core/i18n';
import { navigate } from '../core/router';
import { endStaffSession } from '../sync/api';
import { OFFICE_PATHS } from './paths';
import { forgetOfficeSession, officeSession } from './session';

/** Who is signed in to the back office, and "Sign out" (which ends the session on the server
 *  too, so the token cannot be used again). */
export function OfficeBar() {
  const { t } = useT();
  const session = officeSession.value;
  if (!session) return null;
  return (
    <div class="office-bar">
      <p>
        {t('office:signedIn', {
          name: session.staff.name,
          id: session.staff.id,
          branch: session.staff.branch,
        })}
      </p>
      <button
        type="button"
        class="button"
        onClick={() => {
          void endStaffSession(session.token).catch(() => null);
          forgetOfficeSession();
          navigate(OFFICE_PATHS.queue, { replace: true });
        }}
      >
        {t('office:signOut')}
      </button>
    </div>
  );
}
