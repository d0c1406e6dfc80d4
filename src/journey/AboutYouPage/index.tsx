import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { navigate } from '../../core/router';
import { localToday } from '../../loan/application';
import type { CardField, CardReading } from '../../loan/id-card';
import { DateField } from '../../ui/DateField';
import { TextField } from '../../ui/TextField';
import { findProduct, useCatalog } from '../catalog';
import { nextPath } from '../flow';
import { useFlowFacts } from '../progress';
import { isChangingFromCheck, QuestionPage } from '../QuestionPage';
import { answers, saveAnswers } from '../store';
import { type AboutYouError, validateAboutYou } from '../validation';
import { CardFill } from './CardFill';

/** About you: full name, date of birth as three fields, ID card number, mobile phone. */
export function AboutYouPage() {
  const { t } = useT();
  const a = answers.value;
  const catalog = useCatalog();
  const product = findProduct(catalog, a.productId);
  const facts = useFlowFacts();
  const [errors, setErrors] = useState<AboutYouError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const limits = product?.eligibility ?? { minAge: 18, maxAge: 100 };
  // Fields filled in from the ID card, marked so the person checks them; they stay ordinary
  // fields, and nothing is sent until Continue and, at the end, Send.
  const [fromCard, setFromCard] = useState<readonly CardField[]>([]);
  const hintOf = (field: CardField, hint: string): ComponentChildren =>
    fromCard.includes(field) ? (
      <>
        {hint} <strong>{t('about:card.fieldNote')}</strong>
      </>
    ) : (
      hint
    );
  const onCardRead = (reading: CardReading) => {
    const d = reading.dateOfBirth;
    saveAnswers({
      ...(reading.fullName ? { fullName: reading.fullName } : {}),
      ...(d ? { dobDay: d.day, dobMonth: d.month, dobYear: d.year } : {}),
      ...(reading.idNumber ? { idNumber: reading.idNumber } : {}),
    });
    setFromCard(
      (['full-name', 'dob', 'id-number'] as const).filter((f) => !reading.unclear.includes(f)),
    );
  };
  const message = (field: string) => {
    const e = errors.find((x) => x.field === field);
    // t('about:errors.name-empty') t('about:errors.name-too-long') t('about:errors.name-characters')
    // t('about:errors.dob-empty') t('about:errors.dob-incomplete') t('about:errors.dob-format')
    // t('about:errors.dob-not-a-date') t('about:errors.dob-in-future')
    // t('about:errors.dob-too-young') t('about:errors.dob-too-old')
    // t('about:errors.id-empty') t('about:errors.id-characters') t('about:errors.id-length')
    // t('about:errors.id-region') t('about:errors.id-birth-date') t('about:errors.id-check-digit')
    // t('about:errors.id-format') t('about:errors.id-type-country')
    // t('about:errors.id-birth-date-mismatch')
    // t('about:errors.phone-empty') t('about:errors.phone-characters')
    // t('about:errors.phone-length') t('about:errors.phone-prefix') t('about:errors.phone-country')
    return e ? t(`about:errors.${e.code}`, { ...limits, ...e.params }) : null;
  };

  const onContinue = () => {
    const found = validateAboutYou(a, limits);
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) navigate(nextPath('about-you', a, facts(isChangingFromCheck())));
  };

  return (
    <QuestionPage
      step="about-you"
      title={t('about:title')}
      errors={errors.map((e) => ({ fieldId: e.field, message: message(e.field) ?? '' }))}
      attempt={attempt}
      onContinue={onContinue}
      speech={[
        t('about:hint'),
        t('about:fullName.label'),
        t('about:dob.legend'),
        t('about:idNumber.label'),
        t('about:phone.label'),
      ]}
    >
      <h1>{t('about:title')}</h1>
      <p class="hint">{t('about:hint')}</p>
      <CardFill today={localToday()} onRead={onCardRead} />
      <TextField
        id="full-name"
        label={t('about:fullName.label')}
        hint={hintOf('full-name', t('about:fullName.hint'))}
        autocomplete="name"
        value={a.fullName}
        error={message('full-name')}
        onInput={(fullName) => saveAnswers({ fullName })}
      />
      <DateField
        id="dob"
        legend={t('about:dob.legend')}
        hint={hintOf('dob', t('about:dob.hint'))}
        labels={{ day: t('about:dob.day'), month: t('about:dob.month'), year: t('about:dob.year') }}
        isBirthDate
        value={{ day: a.dobDay, month: a.dobMonth, year: a.dobYear }}
        error={message('dob')}
        onInput={(d) => saveAnswers({ dobDay: d.day, dobMonth: d.month, dobYear: d.year })}
      />
      <TextField
        id="id-number"
        label={t('about:idNumber.label')}
        hint={hintOf('id-number', t('about:idNumber.hint'))}
        autocomplete="off"
        size={22}
        value={a.idNumber}
        error={message('id-number')}
        onInput={(idNumber) => saveAnswers({ idNumber })}
      />
      <TextField
        id="phone"
        type="tel"
        inputMode="tel"
        label={t('about:phone.label')}
        hint={t('about:phone.hint')}
        autocomplete="tel-national"
        size={16}
        value={a.phone}
        error={message('phone')}
        onInput={(phone) => saveAnswers({ phone })}
      />
    </QuestionPage>
  );
}
