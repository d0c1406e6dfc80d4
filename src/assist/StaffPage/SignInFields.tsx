import { useT } from '../../core/i18n';
import { SubmitForm } from '../../ui/SubmitForm';
import { TextField } from '../../ui/TextField';

/** What the staff sign-in form shows and reports. */
export interface SignInFieldsProps {
  staffId: string;
  passcode: string;
  isBusy: boolean;
  /** The message under a field ('staff-id' or 'passcode'), if it has one. */
  errorFor: (field: 'staff-id' | 'passcode') => string | null;
  onStaffId: (value: string) => void;
  onPasscode: (value: string) => void;
  onSubmit: () => void;
}

/** Staff ID and passcode with "Sign in": the same form for branch staff (assisted sessions) and
 *  reviewers (the back office), so that both are filled in, named and read alike. */
export function SignInFields(props: SignInFieldsProps) {
  const { t } = useT();
  return (
    <SubmitForm
      onSubmit={props.onSubmit}
      submitLabel={props.isBusy ? t('assist:signIn.signingIn') : t('assist:signIn.submit')}
    >
      <TextField
        id="staff-id"
        label={t('assist:signIn.staffId.label')}
        hint={t('assist:signIn.staffId.hint')}
        autocomplete="username"
        size={10}
        value={props.staffId}
        error={props.errorFor('staff-id')}
        onInput={props.onStaffId}
      />
      <TextField
        id="passcode"
        type="password"
        label={t('assist:signIn.passcode.label')}
        autocomplete="current-password"
        size={16}
        value={props.passcode}
        error={props.errorFor('passcode')}
        onInput={props.onPasscode}
      />
    </SubmitForm>
  );
}
