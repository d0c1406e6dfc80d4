import { useEffect, useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { answerLines, choicesLine } from '../../core/page-script';
import { navigate } from '../../core/router';
import { isAssisted } from '../../core/staff-session';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { isHandedOver } from '../answering';
import { nextPath, SIDE_PAGES } from '../flow';
import { useFlowFacts } from '../progress';
import { isChangingFromCheck, QuestionPage } from '../QuestionPage';
import { answers, saveAnswers } from '../store';
import { type StepError, validateSafety } from '../validation';

/** The safety check: is anyone pressuring the applicant? "Yes" stops the journey kindly.
 *  Only the applicant answers it: while staff hold the tablet, it sends them to the
 *  hand-over first, and it never offers "who is answering". */
export function SafetyPage() {
  const isStaffHolding = isAssisted.value && !isHandedOver.value;
  useEffect(() => {
    if (isStaffHolding) navigate(SIDE_PAGES.handOver, { replace: true });
  }, [isStaffHolding]);
  return isStaffHolding ? null : <SafetyQuestion />;
}

function SafetyQuestion() {
  const { t, lang } = useT();
  const a = answers.value;
  const facts = useFlowFacts();
  const [errors, setErrors] = useState<StepError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const error = errors.length > 0 ? t('safety:errors.required') : null;
  const onContinue = () => {
    const found = validateSafety(a);
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) navigate(nextPath('safety', a, facts(isChangingFromCheck())));
  };
  return (
    <QuestionPage
      step="safety"
      title={t('safety:title')}
      errors={error ? [{ fieldId: 'pressured', message: error }] : []}
      attempt={attempt}
      onContinue={onContinue}
      speech={[
        t('safety:hint'),
        choicesLine(t, lang, [t('safety:no'), t('safety:yes')]),
        // t('safety:yes') t('safety:no')
        ...answerLines(t, a.pressured && t(`safety:${a.pressured}`)),
      ]}
    >
      <ChoiceGroup
        id="pressured"
        name="pressured"
        legend={<h1>{t('safety:title')}</h1>}
        hint={t('safety:hint')}
        isInline
        options={[
          { value: 'no', label: t('safety:no') },
          { value: 'yes', label: t('safety:yes') },
        ]}
        value={a.pressured}
        error={error}
        onChange={(pressured) => saveAnswers({ pressured })}
      />
    </QuestionPage>
  );
}
