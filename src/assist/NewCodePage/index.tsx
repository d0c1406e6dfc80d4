import { useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import { draftForTransfer, flushDraft, hasAnswers } from '../../journey/store';
import { type ResumeCode as Code, createResumeCode } from '../../sync/api';
import { AppLink } from '../../ui/AppLink';
import { BackLink } from '../../ui/BackLink';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { ResumeCode } from '../ResumeCode';

type Problem = 'nothing' | 'offline' | 'failed';

/** "Carry on later with a code": stores the draft (encrypted) on the server and shows the code
 *  that brings it back on another device, large, spaced, and spelled out when guidance is
 *  on. The draft stays on this device too. */
export function NewCodePage() {
  const { t } = useT();
  const [code, setCode] = useState<Code | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [isBusy, setBusy] = useState(false);
  // t('assist:code.errors.nothing') t('assist:code.errors.offline') t('assist:code.errors.failed')
  const errors = problem
    ? [{ fieldId: 'get-code', message: t(`assist:code.errors.${problem}`) }]
    : [];
  usePage(t('assist:code.newTitle'), {
    hasError: errors.length > 0,
    errors: errors.map((e) => e.message),
    attempt,
    speech: code
      ? [t('assist:code.yourCode'), { spell: code.code }, t('assist:code.keep')]
      : [t('assist:code.newIntro')],
  });

  const onGet = async () => {
    if (isBusy) return;
    setAttempt((n) => n + 1);
    if (!hasAnswers()) {
      setProblem('nothing');
      return;
    }
    setBusy(true);
    await flushDraft();
    const answer = await createResumeCode(draftForTransfer()).catch(() => null);
    setBusy(false);
    if (answer?.status === 201 && typeof answer.body?.code === 'string') {
      setProblem(null);
      setCode(answer.body);
      return;
    }
    setProblem(answer === null ? 'offline' : 'failed');
  };

  return (
    <>
      <BackLink href="/" label={t('journey:back')} />
      <ErrorSummary title={t('journey:errorSummaryTitle')} errors={errors} attempt={attempt} />
      <h1>{t('assist:code.newTitle')}</h1>
      {code ? (
        <>
          <ResumeCode code={code.code} expiresAt={code.expiresAt} />
          <p>
            <AppLink href="/" class="button button--wide">
              {t('assist:code.home')}
            </AppLink>
          </p>
        </>
      ) : (
        <>
          <p class="lead">{t('assist:code.newIntro')}</p>
          <div class="form-actions">
            <button
              type="button"
              id="get-code"
              class="button button--primary button--wide"
              onClick={onGet}
            >
              {isBusy ? t('assist:code.getting') : t('assist:code.get')}
            </button>
          </div>
        </>
      )}
    </>
  );
}
