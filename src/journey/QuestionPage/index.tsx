import type { ComponentChildren } from 'preact';
import { useT } from '../../core/i18n';
import { usePage } from '../../core/page';
import type { ScriptLine } from '../../core/page-script';
import { location } from '../../core/router';
import { BackLink } from '../../ui/BackLink';
import { ErrorSummary, type FieldError } from '../../ui/ErrorSummary';
import { SubmitForm } from '../../ui/SubmitForm';
import { AnsweringToggle } from '../AnsweringToggle';
import { pathOf, previousStep, type StepId, stepNumber } from '../flow';

/** Props of QuestionPage. */
export interface QuestionPageProps {
  step: StepId;
  /** The question, used for the document title; the page renders it as its h1. */
  title: string;
  errors: readonly FieldError[];
  attempt: number;
  onContinue: () => void;
  continueLabel?: string;
  /** What spoken guidance reads after the title: hint, current answer, figures. */
  speech?: readonly ScriptLine[];
  children: ComponentChildren;
}

/** True when the person arrived from check-your-answers through a "Change" link. */
export function isChangingFromCheck(): boolean {
  return new URLSearchParams(location.value.search).has('change');
}

/** The GOV.UK question page: back link, "Step n of N", the error summary when Continue
 *  found problems, the question and its field, and a button named "Continue". Validation
 *  happens on Continue only, never as the person types or leaves a field. */
export function QuestionPage(props: QuestionPageProps) {
  const { t } = useT();
  usePage(props.title, {
    hasError: props.errors.length > 0,
    speech: props.speech,
    errors: props.errors.map((e) => e.message),
    attempt: props.attempt,
  });
  const { number, total } = stepNumber(props.step);
  const previous = previousStep(props.step);
  const backHref = isChangingFromCheck() ? pathOf('check') : previous ? pathOf(previous) : '/';
  return (
    <>
      <BackLink href={backHref} label={t('journey:back')} />
      <p class="progress">{t('journey:progress', { number, total })}</p>
      <ErrorSummary
        title={t('journey:errorSummaryTitle')}
        errors={props.errors}
        attempt={props.attempt}
      />
      <AnsweringToggle step={props.step} />
      <SubmitForm
        onSubmit={props.onContinue}
        submitLabel={props.continueLabel ?? t('journey:continue')}
      >
        {props.children}
      </SubmitForm>
    </>
  );
}
