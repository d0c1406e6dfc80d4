import { useT } from '../../core/i18n';
import type { Schedule } from '../../loan';
import { money } from '../product-view';

/** Every payment as a real table (caption, column and row headers) inside a native
 *  disclosure, so screen readers can move by cell and the page stays short until asked. */
export function RepaymentSchedule({
  schedule,
  currency,
}: {
  schedule: Schedule;
  currency: string;
}) {
  const { t, lang } = useT();
  const fmt = (minor: number) => money(minor, currency, lang);
  const hasFees = schedule.instalments.some((row) => row.fee > 0);
  return (
    <details class="schedule">
      <summary>{t('repay:schedule.show', { count: schedule.instalments.length })}</summary>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls
          sideways, and keyboard users can only scroll it if it can take focus (WCAG 2.1.1). */}
      <section class="schedule__scroll" tabIndex={0} aria-labelledby="schedule-caption">
        <table>
          <caption id="schedule-caption">{t('repay:schedule.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('repay:schedule.number')}</th>
              <th scope="col">{t('repay:schedule.payment')}</th>
              <th scope="col">{t('repay:schedule.principal')}</th>
              <th scope="col">{t('repay:schedule.interest')}</th>
              {hasFees && <th scope="col">{t('repay:schedule.fee')}</th>}
              <th scope="col">{t('repay:schedule.balance')}</th>
            </tr>
          </thead>
          <tbody>
            {schedule.instalments.map((row) => (
              <tr key={row.number}>
                <th scope="row">{row.number}</th>
                <td>{fmt(row.payment)}</td>
                <td>{fmt(row.principal)}</td>
                <td>{fmt(row.interest)}</td>
                {hasFees && <td>{fmt(row.fee)}</td>}
                <td>{fmt(row.balance)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('repay:schedule.total')}</th>
              <td>{fmt(schedule.instalments.reduce((sum, r) => sum + r.payment, 0))}</td>
              <td>{fmt(schedule.instalments.reduce((sum, r) => sum + r.principal, 0))}</td>
              <td>{fmt(schedule.totalInterest)}</td>
              {hasFees && <td>{fmt(schedule.instalments.reduce((sum, r) => sum + r.fee, 0))}</td>}
              <td />
            </tr>
          </tfoot>
        </table>
      </section>
    </details>
  );
}
