import { useRef, useState } from 'preact/hooks';
import { moveFocusTo } from '../../core/focus';
import { translatorFor, useT } from '../../core/i18n';
import { announce } from '../../core/page';
import type { Language } from '../../core/settings/settings-state';
import type { Product } from '../../loan';
import { checkChoice, figuresFor } from '../../loan/application';
import { DECLINE_REASONS, type DeclineReason } from '../../loan/application-state';
import { formatAmountForInput, formatPercent, parseAmountInput } from '../../loan/money';
import { needsSecondReviewer } from '../../loan/pre-assessment';
import type { RepaymentMethod } from '../../loan/types';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { ErrorSummary, type FieldError } from '../../ui/ErrorSummary';
import { FieldMessages, messageIds } from '../../ui/FieldMessages';
import { TextField } from '../../ui/TextField';
import { type DecisionSent, errorCode, type ReviewedApplication, sendDecision } from '../api';
import { money } from '../format';

type Kind = DecisionSent['kind'];

/** The longest call-first note the server keeps. */
const NOTE_MAX = 1000;

/** What the form's amount, term and method come to: the offer's terms and the loan engine's
 *  figures for them, or the first thing wrong with them (an error key and its values). */
export type OfferCheck =
  | {
      ok: true;
      amount: number;
      months: number;
      method: RepaymentMethod;
      figures: ReturnType<typeof figuresFor>;
    }
  | { ok: false; field: 'offer-amount' | 'offer-term' | 'offer-method'; key: OfferProblem };

/** Why an offer cannot be sent as typed. */
export type OfferProblem =
  | 'amountEmpty'
  | 'amountInvalid'
  | 'amountAbove'
  | 'amountRange'
  | 'amountStep'
  | 'months'
  | 'method';

/** Reads an offer as the reviewer typed it against the product and the amount applied for. */
export function checkOffer(
  product: Product,
  applied: number,
  amountText: string,
  months: number | null,
  method: RepaymentMethod | null,
): OfferCheck {
  const read = parseAmountInput(amountText, product.currency);
  if (!read.ok) {
    return {
      ok: false,
      field: 'offer-amount',
      key: read.reason === 'empty' ? 'amountEmpty' : 'amountInvalid',
    };
  }
  if (read.minor > applied) return { ok: false, field: 'offer-amount', key: 'amountAbove' };
  if (months === null) return { ok: false, field: 'offer-term', key: 'months' };
  if (method === null) return { ok: false, field: 'offer-method', key: 'method' };
  const issue = checkChoice(product, { principal: read.minor, months, method });
  if (issue?.reason === 'amount-step')
    return { ok: false, field: 'offer-amount', key: 'amountStep' };
  if (issue?.field === 'amount') return { ok: false, field: 'offer-amount', key: 'amountRange' };
  if (issue?.field === 'months') return { ok: false, field: 'offer-term', key: 'months' };
  if (issue) return { ok: false, field: 'offer-method', key: 'method' };
  const choice = { principal: read.minor, months, method };
  return { ok: true, amount: read.minor, months, method, figures: figuresFor(product, choice) };
}

/** The decision form: offer (with the loan engine's figures shown before sending), decline
 *  (a reason from the list, in the applicant's words in both languages) or call first (a
 *  note). `kinds` limits the choice (a second reviewer may only decline). What is typed stays
 *  through any error. */
export function DecisionForm({
  application,
  product,
  kinds,
  onDone,
}: {
  application: ReviewedApplication;
  product: Product;
  kinds: readonly Kind[];
  onDone: (message: string, isRefused: boolean) => void;
}) {
  const { t, lang } = useT();
  const { body } = application;
  const [kind, setKind] = useState<Kind | null>(kinds.length === 1 ? (kinds[0] ?? null) : null);
  const [amountText, setAmountText] = useState(
    formatAmountForInput(body.amount, product.currency, lang),
  );
  const [months, setMonths] = useState<number | null>(
    product.terms.includes(body.months) ? body.months : null,
  );
  const [method, setMethod] = useState<RepaymentMethod | null>(
    product.methods.includes(body.method) ? body.method : null,
  );
  const [reason, setReason] = useState<DeclineReason | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [isBusy, setBusy] = useState(false);
  const [sendProblem, setSendProblem] = useState<string | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  const amountValues = {
    applied: money(body.amount, lang, product.currency),
    min: money(product.amount.min, lang, product.currency),
    max: money(Math.min(product.amount.max, body.amount), lang, product.currency),
    step: money(product.amount.step, lang, product.currency),
  };
  const offer = checkOffer(product, body.amount, amountText, months, method);
  // t('office:decide.errors.amountEmpty') t('office:decide.errors.amountInvalid')
  // t('office:decide.errors.amountAbove') t('office:decide.errors.amountRange')
  // t('office:decide.errors.amountStep') t('office:decide.errors.months')
  // t('office:decide.errors.method')
  const offerMessage = (key: OfferProblem) => t(`office:decide.errors.${key}`, amountValues);
  const errorFor = (field: string) => errors.find((e) => e.fieldId === field)?.message ?? null;

  const problemsNow = (): FieldError[] => {
    if (kind === null)
      return [{ fieldId: 'decision-kind', message: t('office:decide.errors.kind') }];
    if (kind === 'offer' && !offer.ok) {
      return [{ fieldId: offer.field, message: offerMessage(offer.key) }];
    }
    if (kind === 'decline' && reason === null) {
      return [{ fieldId: 'decline-reason', message: t('office:decide.errors.reason') }];
    }
    if (kind === 'call-first' && note.trim().length > NOTE_MAX) {
      return [{ fieldId: 'call-note', message: t('office:decide.errors.noteLong') }];
    }
    return [];
  };

  const refusedMessage = (code: string | null, status: number | null) => {
    if (code === 'application-changed') return t('office:refused.changed');
    if (code === 'not-decidable') return t('office:refused.notDecidable');
    if (code === 'four-eyes') return t('office:refused.fourEyes');
    if (status === 422) return t('office:refused.invalid');
    return t('office:refused.failed');
  };

  const onSubmit = async () => {
    if (isBusy) return;
    setSendProblem(null);
    const problems = problemsNow();
    setErrors(problems);
    setAttempt((n) => n + 1);
    if (problems.length > 0 || kind === null) return;
    const from = application.status;
    const decision: DecisionSent =
      kind === 'offer' && offer.ok
        ? { kind, from, amount: offer.amount, months: offer.months, method: offer.method }
        : kind === 'decline' && reason
          ? { kind, from, reason }
          : { kind: 'call-first', from, ...(note.trim() ? { note: note.trim() } : {}) };
    setBusy(true);
    const answer = await sendDecision(application.id, decision);
    setBusy(false);
    if (answer?.status === 200) {
      const status = (answer.body as { status?: string }).status ?? '';
      // t('office:done.offered') t('office:done.awaiting-approval') t('office:done.declined')
      // t('office:done.call-first')
      onDone(t(`office:done.${status as 'offered'}`), false);
      return;
    }
    if (answer?.status === 401) return;
    const code = errorCode(answer);
    // The application has moved on: the page shows it as it is now, with the message.
    if (code === 'application-changed' || code === 'not-decidable') {
      onDone(refusedMessage(code, answer?.status ?? null), true);
      return;
    }
    const message = refusedMessage(code, answer?.status ?? null);
    setSendProblem(message);
    announce(message);
    requestAnimationFrame(() => {
      if (problemRef.current) moveFocusTo(problemRef.current);
    });
  };

  const inBoth = (r: DeclineReason) => (
    <>
      <span class="office-wording">
        <span class="office-wording__lang">{t('office:decide.inEnglish')}</span>{' '}
        <Wording lang="en" reason={r} />
      </span>
      <span class="office-wording">
        <span class="office-wording__lang">{t('office:decide.inChinese')}</span>{' '}
        <Wording lang="zh-CN" reason={r} />
      </span>
    </>
  );

  const kindLabels: Record<Kind, string> = {
    offer: t('office:decide.offer'),
    decline: t('office:decide.decline'),
    'call-first': t('office:decide.callFirst'),
  };

  return (
    <form
      noValidate
      class="office-decision"
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <ErrorSummary title={t('journey:errorSummaryTitle')} errors={errors} attempt={attempt} />
      {sendProblem && (
        <div class="error-summary" ref={problemRef}>
          <p>{sendProblem}</p>
        </div>
      )}
      {kinds.length > 1 && (
        <ChoiceGroup
          id="decision-kind"
          name="decision-kind"
          legend={t('office:decide.legend')}
          options={kinds.map((k) => ({
            value: k,
            label: kindLabels[k],
            hint: k === 'call-first' ? t('office:decide.callFirstHint') : undefined,
          }))}
          value={kind}
          error={errorFor('decision-kind')}
          onChange={(k) => setKind(k)}
        />
      )}
      {kind === 'offer' && (
        <>
          <TextField
            id="offer-amount"
            label={t('office:decide.amountLabel')}
            hint={t('office:decide.amountHint', amountValues)}
            inputMode="decimal"
            size={12}
            value={amountText}
            error={errorFor('offer-amount')}
            onInput={setAmountText}
          />
          <ChoiceGroup
            id="offer-term"
            name="offer-term"
            legend={t('office:decide.termLegend')}
            options={product.terms.map((m) => ({
              value: String(m),
              label: t('office:decide.monthsOption', { count: m }),
            }))}
            value={months === null ? null : String(months)}
            error={errorFor('offer-term')}
            isInline
            onChange={(m) => setMonths(Number(m))}
          />
          {product.methods.length > 1 && (
            <ChoiceGroup
              id="offer-method"
              name="offer-method"
              legend={t('office:decide.methodLegend')}
              // t('repay:method.annuity.label') t('repay:method.equal-principal.label')
              options={product.methods.map((m) => ({
                value: m,
                label: t(`repay:method.${m}.label`),
              }))}
              value={method}
              error={errorFor('offer-method')}
              onChange={(m) => setMethod(m)}
            />
          )}
          <section class="panel office-figures" aria-labelledby="offer-figures-title">
            <h3 id="offer-figures-title">{t('office:decide.figuresTitle')}</h3>
            {/* Said when the figures change, so a reviewer on a screen reader hears them as the
                amount or term changes. */}
            <div aria-live="polite">
              {offer.ok ? (
                <dl class="summary-list">
                  <div class="summary-list__row">
                    <dt>{t('office:figures.monthly')}</dt>
                    <dd>{money(offer.figures.monthlyPayment, lang, product.currency)}</dd>
                  </div>
                  <div class="summary-list__row">
                    <dt>{t('office:figures.rate')}</dt>
                    <dd>{formatPercent(offer.figures.annualRatePercent, lang)}</dd>
                  </div>
                  <div class="summary-list__row">
                    <dt>{t('office:figures.total')}</dt>
                    <dd>{money(offer.figures.totalPayable, lang, product.currency)}</dd>
                  </div>
                </dl>
              ) : (
                <p>{t('office:decide.figuresWaiting')}</p>
              )}
              {offer.ok && needsSecondReviewer(product, offer.amount) && (
                <p class="office-notice">
                  {t('office:decide.needsSecond', {
                    amount: money(product.review.fourEyesAbove, lang, product.currency),
                  })}
                </p>
              )}
            </div>
          </section>
        </>
      )}
      {kind === 'decline' && (
        <ChoiceGroup
          id="decline-reason"
          name="decline-reason"
          legend={t('office:decide.reasonLegend')}
          options={DECLINE_REASONS.map((r) => ({ value: r, label: inBoth(r) }))}
          value={reason}
          error={errorFor('decline-reason')}
          onChange={(r) => setReason(r)}
        />
      )}
      {kind === 'call-first' && (
        <div class={errorFor('call-note') ? 'field has-error' : 'field'}>
          <label class="field__label" for="call-note">
            {t('office:decide.noteLabel')}
          </label>
          <FieldMessages
            id="call-note"
            hint={t('office:decide.noteHint')}
            error={errorFor('call-note')}
          />
          <textarea
            class="input office-note"
            id="call-note"
            name="call-note"
            rows={4}
            value={note}
            aria-describedby={
              messageIds('call-note', true, errorFor('call-note')).join(' ') || undefined
            }
            aria-invalid={errorFor('call-note') ? true : undefined}
            onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </div>
      )}
      <div class="form-actions">
        <button type="submit" class="button button--primary button--wide">
          {isBusy ? t('office:decide.sending') : t('office:decide.send')}
        </button>
      </div>
    </form>
  );
}

/** A decline's reason as the applicant is told it, in one language (whatever the screen's). */
function Wording({ lang, reason }: { lang: Language; reason: DeclineReason }) {
  const t = translatorFor(lang);
  // t('mine:declined.repayments-too-high') t('mine:declined.age-outside-product')
  // t('mine:declined.identity-not-confirmed') t('mine:declined.other-debts')
  // t('mine:declined.not-for-this-purpose')
  return <span lang={lang}>{t(`mine:declined.${reason}`)}</span>;
}
