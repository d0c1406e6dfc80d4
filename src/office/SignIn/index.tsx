import { useState } from 'preact/hooks';
import { momentText } from '../../assist/format';
import { SignInFields } from '../../assist/StaffPage/SignInFields';
import { type SignInProblem, signInProblem } from '../../assist/StaffPage/sign-in-problem';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { location, navigate } from '../../core/router';
import { keepDeviceToken } from '../../core/staff-session';
import { endStaffSession } from '../../sync/api';
import { ErrorSummary, type FieldError } from '../../ui/ErrorSummary';
import { signInStaff } from '../api';
import { keepOfficeSession } from '../session';

// Why this sign-in did not open the office: the staff sign-in's problems, or an account that
// signed in but is branch staff.
type Problem = SignInProblem | { code: 'notReviewer'; field: 'staff-id'; name: string };

/** The reviewers' sign-in, shown by every office page while nobody is signed in: the branch
 *  staff sign-in's form and server, then the account's role decides. `hasEnded` says a
 *  session has just ended (the server answered 401). */
export function OfficeSignIn({ hasEnded = false }: { hasEnded?: boolean }) {
  const { t, lang } = useT();
  const [staffId, setStaffId] = useState('');
  const [passcode, setPasscode] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [isBusy, setBusy] = useState(false);
  // t('assist:signIn.errors.staffIdMissing') t('assist:signIn.errors.passcodeMissing')
  // t('assist:signIn.errors.wrong') t('assist:signIn.errors.locked')
  // t('assist:signIn.errors.tooMany') t('assist:signIn.errors.offline')
  // t('assist:signIn.errors.failed')
  const message = (p: Problem) =>
    p.code === 'notReviewer'
      ? t('office:signIn.notReviewer', { name: p.name })
      : t(
          `assist:signIn.errors.${p.code}`,
          p.lockedUntil ? { time: momentText(p.lockedUntil, lang) } : {},
        );
  const errors: FieldError[] = problems.map((p) => ({ fieldId: p.field, message: message(p) }));
  const errorFor = (field: string) => errors.find((e) => e.fieldId === field)?.message ?? null;
  usePage(t('office:signIn.title'), {
    hasError: errors.length > 0,
    speech: [t('office:signIn.intro')],
    errors: errors.map((e) => e.message),
    attempt,
  });

  const refuse = (next: Problem[]) => {
    setProblems(next);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async () => {
    if (isBusy) return;
    const missing: SignInProblem[] = [];
    if (!staffId.trim()) missing.push({ code: 'staffIdMissing', field: 'staff-id' });
    if (!passcode) missing.push({ code: 'passcodeMissing', field: 'passcode' });
    if (missing.length > 0) {
      refuse(missing);
      return;
    }
    setBusy(true);
    const outcome = await signInStaff(staffId.trim().toUpperCase(), passcode).catch(() => null);
    setBusy(false);
    // A passcode that did not open the office is not left in the field for the next try.
    setPasscode('');
    const problem = signInProblem(outcome, navigator.onLine);
    const body = outcome?.body as { token?: string; staff?: { name?: string; role?: string } };
    if (problem || !body) {
      refuse([problem ?? { code: 'failed', field: 'staff-id' }]);
      return;
    }
    if (body.staff?.role !== 'reviewer') {
      // Branch staff have no business here: their new session is ended at once.
      if (typeof body.token === 'string') void endStaffSession(body.token).catch(() => null);
      refuse([{ code: 'notReviewer', field: 'staff-id', name: body.staff?.name ?? staffId }]);
      return;
    }
    const signedIn = outcome?.body as { deviceToken?: string; staff: { id: string } };
    if (signedIn.deviceToken) keepDeviceToken(signedIn.staff.id, signedIn.deviceToken);
    if (!keepOfficeSession(body)) {
      refuse([{ code: 'failed', field: 'staff-id' }]);
      return;
    }
    // The same address shows the office now: arriving "again" moves focus to its heading and
    // says it, as any new page does; the sign-in form leaves the back list.
    navigate(`${location.value.path}${location.value.search}`, { replace: true });
  };

  return (
    <>
      <ErrorSummary title={t('journey:errorSummaryTitle')} errors={errors} attempt={attempt} />
      <h1>{t('office:signIn.title')}</h1>
      {hasEnded && <p class="office-notice">{t('office:signIn.ended')}</p>}
      <p class="hint">{t('office:signIn.intro')}</p>
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
