import { useT } from '../../core/i18n';
import type { AuditEvent } from '../api';
import { moment, money } from '../format';

// The record's actions the back office puts in words; any other is shown as recorded.
const ACTIONS = [
  'viewed',
  'call-first',
  'offer',
  'approve',
  'decline',
  'accept',
  'refuse',
  'lapse',
  'withdraw',
] as const;

type Action = (typeof ACTIONS)[number];

const isAction = (action: string): action is Action =>
  (ACTIONS as readonly string[]).includes(action);

/** An application's audit record as a table: when, who, what (with what was decided). */
export function History({ events, currency }: { events: AuditEvent[] | null; currency: string }) {
  const { t, lang } = useT();
  const who = (actor: string) =>
    actor === 'applicant'
      ? t('office:history.applicant')
      : actor === 'system'
        ? t('office:history.system')
        : actor;
  // t('office:history.action.viewed') t('office:history.action.call-first')
  // t('office:history.action.approve') t('office:history.action.decline')
  // t('office:history.action.accept') t('office:history.action.refuse')
  // t('office:history.action.lapse') t('office:history.action.withdraw')
  // t('mine:declined.repayments-too-high') t('mine:declined.age-outside-product')
  // t('mine:declined.identity-not-confirmed') t('mine:declined.other-debts')
  // t('mine:declined.not-for-this-purpose')
  const what = (event: AuditEvent) => {
    const detail = event.detail ?? {};
    if (!isAction(event.action)) return event.action;
    if (event.action === 'offer' && typeof detail.amount === 'number') {
      const values = {
        amount: money(detail.amount, lang, currency),
        months: String(detail.months),
      };
      return detail.needsSecondReviewer
        ? t('office:history.action.offerNeedsSecond', values)
        : t('office:history.action.offer', values);
    }
    const said = t(`office:history.action.${event.action as Exclude<Action, 'offer'>}`);
    if (event.action === 'decline' && typeof detail.reason === 'string') {
      const reason = t(`mine:declined.${detail.reason as 'other-debts'}`);
      return (
        <>
          {said}
          <br />
          {t('office:history.reason', { reason })}
        </>
      );
    }
    if (event.action === 'call-first' && typeof detail.note === 'string') {
      return (
        <>
          {said}
          <br />
          {t('office:history.note', { note: detail.note })}
        </>
      );
    }
    return said;
  };

  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('office:history.title')}</h2>
      {events === null ? (
        <p>{t('office:history.failed')}</p>
      ) : events.length === 0 ? (
        <p>{t('office:history.empty')}</p>
      ) : (
        // Three columns that wrap: the record fits a narrow screen without scrolling sideways.
        <table class="office-table office-table--wraps">
          <caption>{t('office:history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('office:history.when')}</th>
              <th scope="col">{t('office:history.who')}</th>
              <th scope="col">{t('office:history.what')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.seq}>
                <td>{moment(event.at, lang)}</td>
                <td>{who(event.actor)}</td>
                <td>{what(event)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
