import { useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { navigate } from '../../core/router';
import { TextField } from '../../ui/TextField';
import { nextPath } from '../flow';
import { useFlowFacts } from '../progress';
import { isChangingFromCheck, QuestionPage } from '../QuestionPage';
import { answers, saveAnswers } from '../store';
import { type ContactDetailsError, validateContactDetails } from '../validation';

/** Optional: someone the lender may call if worried about the applicant's safety or unable
 *  to reach them. Skipped in one tap. */
export function TrustedContactPage() {
  const { t } = useT();
  const a = answers.value;
  const facts = useFlowFacts();
  const [errors, setErrors] = useState<ContactDetailsError[]>([]);
  const [attempt, setAttempt] = useState(0);
  // One template per field: each field's codes are a union of their own.
  const message = (field: ContactDetailsError['field']) => {
    const e = errors.find((x) => x.field === field);
    // t('contact:errors.contact-name.name-empty') t('contact:errors.contact-name.name-too-long')
    // t('contact:errors.contact-name.name-characters')
    // t('contact:errors.contact-phone.phone-empty') t('contact:errors.contact-phone.phone-characters')
    // t('contact:errors.contact-phone.phone-length') t('contact:errors.contact-phone.phone-prefix')
    // t('contact:errors.contact-phone.phone-country')
    // t('contact:errors.contact-phone.contact-same-phone')
    // t('contact:errors.contact-relationship.required')
    // t('contact:errors.contact-relationship.too-long')
    if (e?.field === 'contact-name') return t(`contact:errors.contact-name.${e.code}`);
    if (e?.field === 'contact-phone') return t(`contact:errors.contact-phone.${e.code}`);
    if (e?.field === 'contact-relationship') {
      return t(`contact:errors.contact-relationship.${e.code}`);
    }
    return null;
  };
  const goOn = (current = answers.value) =>
    navigate(nextPath('trusted-contact', current, facts(isChangingFromCheck())));
  // Continue with every field empty is the same as skipping.
  const onContinue = () => {
    const isEmpty = [a.contactName, a.contactPhone, a.contactRelationship].every(
      (v) => v.trim() === '',
    );
    const contactChoice = isEmpty ? 'skip' : 'add';
    const found = isEmpty ? [] : validateContactDetails(a);
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
