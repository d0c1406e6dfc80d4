import { useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { navigate } from '../../core/router';
import { TextField } from '../../ui/TextField';
import { nextPath } from '../flow';
import { useFlowFacts } from '../progress';
import { isChangingFromCheck, QuestionPage } from '../QuestionPage';
import { answers, saveAnswers } from '../store';
import { type StepError, validateTrustedContact } from '../validation';

/** Optional: someone the lender may call if worried about the applicant's safety or unable
 *  to reach them. Skipped in one tap. */
export function TrustedContactPage() {
  const { t } = useT();
  const a = answers.value;
  const facts = useFlowFacts();
  const [errors, setErrors] = useState<StepError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const message = (field: string) => {
    const e = errors.find((x) => x.field === field);
    return e ? t(`contact:errors.${e.field}.${e.code}`) : null;
  };
  const goOn = (current = answers.value) =>
    navigate(nextPath('trusted-contact', current, facts(isChangingFromCheck())));
  // Continue with every field empty is the same as skipping.
  const onContinue = () => {
    const isEmpty = [a.contactName, a.contactPhone, a.contactRelationship].every(
      (v) => v.trim() === '',
    );
    const contactChoice = isEmpty ? 'skip' : 'add';
    const found = validateTrustedContact({ ...a, contactChoice });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length > 0) return;
    saveAnswers({ contactChoice });
    goOn();
  };
  const onSkip = () => {
    saveAnswers({ contactChoice: 'skip' });
    goOn();
  };
  return (
    <QuestionPage
      step="trusted-contact"
      title={t('contact:title')}
      errors={errors.map((e) => ({ fieldId: e.field, message: message(e.field) ?? '' }))}
      attempt={attempt}
      onContinue={onContinue}
      speech={[t('contact:why'), t('contact:privacy'), t('contact:skip')]}
    >
      <h1>{t('contact:title')}</h1>
      <p>{t('contact:why')}</p>
      <p class="panel">{t('contact:privacy')}</p>
      <p>
        <button type="button" class="button" onClick={onSkip}>
          {t('contact:skip')}
        </button>
      </p>
      <h2>{t('contact:addTitle')}</h2>
      <TextField
        id="contact-name"
        label={t('contact:name')}
        autocomplete="off"
        value={a.contactName}
        error={message('contact-name')}
        onInput={(contactName) => saveAnswers({ contactName })}
      />
      <TextField
        id="contact-phone"
        type="tel"
        inputMode="tel"
        label={t('contact:phone')}
        hint={t('contact:phoneHint')}
        autocomplete="off"
        size={16}
        value={a.contactPhone}
        error={message('contact-phone')}
        onInput={(contactPhone) => saveAnswers({ contactPhone })}
      />
      <TextField
        id="contact-relationship"
        label={t('contact:relationship')}
        hint={t('contact:relationshipHint')}
        autocomplete="off"
        value={a.contactRelationship}
        error={message('contact-relationship')}
        onInput={(contactRelationship) => saveAnswers({ contactRelationship })}
      />
    </QuestionPage>
  );
}
