import { useT } from '../../core/i18n';
import { isAssisted } from '../../core/staff-session';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { answeringNow } from '../answering';
import type { EnteredBy } from '../answers';
import type { StepId } from '../flow';

// Pages whose answers are only ever the applicant's, or that take no answer at all.
const APPLICANT_ONLY_STEPS: readonly StepId[] = ['safety', 'check', 'understand', 'declaration'];

/** On a question page while staff help: who is entering this page's answers. Large radio
 *  cards; the choice stays from page to page until the hand-over, and while staff answer,
 *  the box and its hint say so plainly, since the answers are then recorded as staff's. */
export function AnsweringToggle({ step }: { step: StepId }) {
  const { t } = useT();
  if (!isAssisted.value || APPLICANT_ONLY_STEPS.includes(step)) return null;
  const who = answeringNow.value;
  return (
    <div class={who === 'staff' ? 'answering-toggle answering-toggle--staff' : 'answering-toggle'}>
      <ChoiceGroup<EnteredBy>
        name="answering"
        legend={t('assist:answering.legend')}
        hint={who === 'staff' ? t('assist:answering.staffHint') : t('assist:answering.hint')}
        isInline
        options={[
          { value: 'applicant', label: t('assist:answering.applicant') },
          { value: 'staff', label: t('assist:answering.staff') },
        ]}
        value={who}
        onChange={(choice) => {
          answeringNow.value = choice;
        }}
      />
    </div>
  );
}
