import { useT } from '../../core/i18n';
import { isAssisted } from '../../core/staff-session';
import { CHECK_ROW_FIELDS } from '../entered-by';
import { enteredBy } from '../store';

/** Under an answer on check-your-answers while staff help: "Entered by staff" or "Entered
 *  by you", so the applicant sees what someone else typed for them. */
export function EnteredByNote({ rowKey }: { rowKey: string }) {
  const { t } = useT();
  const field = CHECK_ROW_FIELDS[rowKey];
  if (!isAssisted.value || !field) return null;
  const who = enteredBy.value[field] ?? 'applicant';
  // t('assist:enteredBy.applicant') t('assist:enteredBy.staff')
  return (
    <span class={who === 'staff' ? 'entered-by entered-by--staff' : 'entered-by'}>
      {t(`assist:enteredBy.${who}`)}
    </span>
  );
}
