import { useState } from 'preact/hooks';
import { ASSIST_PATHS } from '../../core/assist-paths';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { navigate } from '../../core/router';
import {
  isBranchDevice,
  isStaffSession,
  keepDeviceToken,
  keepStaffSession,
  setBranchDevice,
  staffSession,
} from '../../core/staff-session';
import { resetAnswering } from '../../journey/answering';
import { listParked } from '../../storage/draft';
import { type StaffSignIn, signInStaff } from '../../sync/api';
import { AppLink } from '../../ui/AppLink';
import { BackLink } from '../../ui/BackLink';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { ErrorSummary, type FieldError } from '../../ui/ErrorSummary';
import { momentText } from '../format';
import { ParkedDrafts } from '../ParkedDrafts';
import { SignInFields } from './SignInFields';
import { type SignInProblem, signInProblem } from './sign-in-problem';

/** Settings → Branch staff: the sign-in form, or (signed in) who is signed in, applications
 *  put away on this tablet for them, "End session" and whether this is a branch tablet. */
export function StaffPage() {
  return staffSession.value ? <SignedIn /> : <SignIn />;
}

function SignedIn() {
  const { t, lang } = useT();
  const session = staffSession.value;
  usePage(t('assist:staff.title'));
  if (!session) return null;
  return (
    <>
      <BackLink href="/settings" label={t('journey:back')} />
      <h1>{t('assist:staff.title')}</h1>
      <p>
        {t('assist:staff.signedIn', {
          name: session.staff.name,
          branch: session.staff.branch,
          time: momentText(session.expiresAt, lang),
        })}
      </p>
      <ChoiceGroup
        name="branch-device"
        legend={t('assist:staff.branchDevice.legend')}
        hint={t('assist:staff.branchDevice.hint')}
        options={[
          { value: 'yes', label: t('assist:staff.branchDevice.yes') },
          { value: 'no', label: t('assist:staff.branchDevice.no') },
        ]}
        value={isBranchDevice.value ? 'yes' : 'no'}
        onChange={(value) => setBranchDevice(value === 'yes')}
      />
      <ParkedDrafts />
      <p>
        <AppLink href={ASSIST_PATHS.endSession} class="button button--primary button--wide">
          {t('assist:staff.end')}
        </AppLink>
      </p>
    </>
  );
}

function SignIn() {
  const { t, lang } = useT();
  const [staffId, setStaffId] = useState('');
  const [passcode, setPasscode] = useState('');
  const [problems, setProblems] = useState<SignInProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [isBusy, setBusy] = useState(false);
  // t('assist:signIn.errors.staffIdMissing') t('assist:signIn.errors.passcodeMissing')
  // t('assist:signIn.errors.wrong') t('assist:signIn.errors.locked')
  // t('assist:signIn.errors.tooMany') t('assist:signIn.errors.offline')
  // t('assist:signIn.errors.failed')
  const message = (p: SignInProblem) =>
    t(
      `assist:signIn.errors.${p.code}`,
      p.lockedUntil ? { time: momentText(p.lockedUntil, lang) } : {},
    );
  const errors: FieldError[] = problems.map((p) => ({ fieldId: p.field, message: message(p) }));
  const errorFor = (field: string) => errors.find((e) => e.fieldId === field)?.message ?? null;
  usePage(t('assist:signIn.title'), {
    hasError: errors.length > 0,
    speech: [t('assist:signIn.intro')],
    errors: errors.map((e) => e.message),
    attempt,
  });

  const onSubmit = async () => {
    if (isBusy) return;
    const missing: SignInProblem[] = [];
    if (!staffId.trim()) missing.push({ code: 'staffIdMissing', field: 'staff-id' });
    if (!passcode) missing.push({ code: 'passcodeMissing', field: 'passcode' });
    if (missing.length > 0) {
      setProblems(missing);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    const outcome = await signInStaff(staffId.trim().toUpperCase(), passcode).catch(() => null);
    setBusy(false);
    const problem = signInProblem(outcome, navigator.onLine);
    if (problem || !isStaffSession(outcome?.body)) {
      setProblems([problem ?? { code: 'failed', field: 'staff-id' }]);
      setAttempt((n) => n + 1);
      // A passcode that did not work is not left in the field for the next try or person.
      setPasscode('');
      return;
    }
    const signedIn = outcome?.body as StaffSignIn;
    if (signedIn.deviceToken) keepDeviceToken(signedIn.staff.id, signedIn.deviceToken);
    keepStaffSession(signedIn);
    resetAnswering();
    // Applications put away for this staff member are offered on the signed-in page;
    // otherwise on to the start. Either way the sign-in form leaves the back list.
    const isWaiting = (await listParked(signedIn.staff.id)).length > 0;
    navigate(isWaiting ? ASSIST_PATHS.staff : '/', { replace: true });
  };

  return (
    <>
      <BackLink href="/settings" label={t('journey:back')} />
      <ErrorSummary title={t('journey:errorSummaryTitle')} errors={errors} attempt={attempt} />
      <h1>{t('assist:signIn.title')}</h1>
      <p class="hint">{t('assist:signIn.intro')}</p>
      <SignInFields
        staffId={staffId}
        passcode={passcode}
        isBusy={isBusy}
        errorFor={errorFor}
        onStaffId={setStaffId}
        onPasscode={setPasscode}
        onSubmit={() => void onSubmit()}
      />
    </>
  );
}
