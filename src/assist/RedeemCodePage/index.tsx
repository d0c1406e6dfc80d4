import { useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { navigate } from '../../core/router';
import { takeBackAnswers } from '../../journey/store';
import { redeemResumeCode } from '../../sync/api';
import { BackLink } from '../../ui/BackLink';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SubmitForm } from '../../ui/SubmitForm';
import { TextField } from '../../ui/TextField';
import { continueAt } from '../continue-at';
import { typedCode } from '../format';

type Problem = 'missing' | 'length' | 'unknown' | 'tooMany' | 'offline' | 'failed';

function problemOf(status: number | null): Problem {
  if (status === null) return 'offline';
  if (status === 404 || status === 400 || status === 422) return 'unknown';
  if (status === 429) return 'tooMany';
  return 'failed';
}

/** "I have a code": one field; a good code brings the draft onto this device (replacing any
 *  here) and continues at its page. */
export function RedeemCodePage() {
  const { t } = useT();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [isBusy, setBusy] = useState(false);
  // t('assist:code.redeemErrors.missing') t('assist:code.redeemErrors.length')
  // t('assist:code.redeemErrors.unknown') t('assist:code.redeemErrors.tooMany')
  // t('assist:code.redeemErrors.offline') t('assist:code.redeemErrors.failed')
  const error = problem ? t(`assist:code.redeemErrors.${problem}`) : null;
  const errors = error ? [{ fieldId: 'resume-code', message: error }] : [];
  usePage(t('assist:code.haveTitle'), {
    hasError: errors.length > 0,
    errors: errors.map((e) => e.message),
    attempt,
    speech: [t('assist:code.haveIntro'), t('assist:code.field.hint')],
  });

  const onSubmit = async () => {
    if (isBusy) return;
    setAttempt((n) => n + 1);
    const code = typedCode(text);
    if (!code) return setProblem('missing');
    if (code.length !== 6) return setProblem('length');
    setBusy(true);
    const answer = await redeemResumeCode(code).catch(() => null);
    setBusy(false);
    const draft = answer?.status === 200 ? (answer.body?.draft as Record<string, unknown>) : null;
    if (!draft || typeof draft !== 'object') {
      setProblem(problemOf(answer?.status ?? null));
      return;
    }
    const path = continueAt(draft.path);
    takeBackAnswers(draft.answers, path, draft.enteredBy);
    navigate(path);
  };

  return (
    <>
      <BackLink href="/" label={t('journey:back')} />
      <ErrorSummary title={t('journey:errorSummaryTitle')} errors={errors} attempt={attempt} />
      <h1>{t('assist:code.haveTitle')}</h1>
      <p class="hint">{t('assist:code.haveIntro')}</p>
      <SubmitForm
        onSubmit={() => void onSubmit()}
        submitLabel={isBusy ? t('assist:code.checking') : t('assist:code.continue')}
      >
        <TextField
          id="resume-code"
          label={t('assist:code.field.label')}
          hint={t('assist:code.field.hint')}
          autocomplete="off"
          size={9}
          value={text}
          error={error}
          onInput={setText}
        />
      </SubmitForm>
    </>
  );
}
