import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { moveFocusTo } from '../../core/focus';
import { loadAllStrings, useT } from '../../core/i18n';
import { announce, usePage } from '../../core/page';
import { location } from '../../core/router';
import { findProduct, useCatalog } from '../../journey/catalog';
import type { Product } from '../../loan';
import { checkChoice, figuresFor } from '../../loan/application';
import { isUndecided } from '../../loan/application-state';
import { formatDate } from '../../loan/dates';
import { INCOME_BANDS } from '../../loan/income-bands';
import { formatPercent } from '../../loan/money';
import { BackLink } from '../../ui/BackLink';
import {
  type AuditEvent,
  errorCode,
  fetchHistory,
  fetchReviewed,
  type ReviewedApplication,
  sendApproval,
} from '../api';
import { moment, money } from '../format';
import { OfficeBar } from '../OfficeBar';
import { OFFICE_PATHS } from '../paths';
import { OfficeSignIn } from '../SignIn';
import { hasOfficeSessionEnded, officeSession } from '../session';
import { DecisionForm } from './DecisionForm';
import { History } from './History';
import '../office.css';

type Loaded =
  | { status: 'loading' }
  | { status: 'failed' }
  | { status: 'missing' }
  | { status: 'ready'; application: ReviewedApplication; history: AuditEvent[] | null };

/** The application's page once every page's strings are loaded in both languages: it shows
 *  the applicant's wording of a decline in each (the route table's loader). */
export function withStrings(): Promise<typeof ApplicationPage> {
  return Promise.all([loadAllStrings(), loadAllStrings('en'), loadAllStrings('zh-CN')]).then(
    () => ApplicationPage,
  );
}

/** One application as a reviewer sees it: the pre-assessment, what the applicant entered, the
 *  server's figures and checks, the decision (or the form to make it) and the history. */
export function ApplicationPage() {
  return officeSession.value ? (
    <Reviewed />
  ) : (
    <OfficeSignIn hasEnded={hasOfficeSessionEnded.value} />
  );
}

function Row({ label, children }: { label: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function Reviewed() {
  const { t } = useT();
  const id = new URLSearchParams(location.value.search).get('id') ?? '';
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const [outcome, setOutcome] = useState<{ text: string; isRefused: boolean } | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const title =
    loaded.status === 'ready'
      ? t('office:app.title', { reference: loaded.application.reference })
      : loaded.status === 'loading'
        ? t('office:app.loading')
        : loaded.status === 'missing'
          ? t('office:app.notFound')
          : t('office:app.failed');
  usePage(title);

  useEffect(() => {
    let isCurrent = true;
    void (async () => {
      const answer = await fetchReviewed(id);
      if (!isCurrent) return;
      if (answer?.status === 404 || answer?.status === 400) {
        setLoaded({ status: 'missing' });
        return;
      }
      if (answer?.status !== 200 || !answer.body) {
        setLoaded({ status: 'failed' });
        return;
      }
      // The history after the look, so the look just recorded is in it.
      const history = await fetchHistory(id);
      if (!isCurrent) return;
      setLoaded({
        status: 'ready',
        application: answer.body,
        history: history?.status === 200 && history.body ? history.body.events : null,
      });
    })();
    return () => {
      isCurrent = false;
    };
  }, [id, version]);

  // After a decision, the page shows the application as it now is, and the reviewer hears and
  // starts from what came of it. Focus on it is what says it: announcing it as well made Orca
  // say it twice.
  useEffect(() => {
    if (outcome && outcomeRef.current) moveFocusTo(outcomeRef.current);
  }, [outcome, loaded]);

  const done = (text: string, isRefused: boolean) => {
    setOutcome({ text, isRefused });
    setVersion((n) => n + 1);
  };

  return (
    <>
      <OfficeBar />
      <BackLink href={OFFICE_PATHS.queue} label={t('office:app.back')} />
      {loaded.status === 'ready' ? (
        <Application loaded={loaded} onDone={done}>
          {outcome && (
            <div ref={outcomeRef} class={outcome.isRefused ? 'error-summary' : 'panel office-done'}>
              <p>{outcome.text}</p>
            </div>
          )}
        </Application>
      ) : (
        <>
          <h1>{title}</h1>
          {loaded.status === 'failed' && (
            <button type="button" class="button" onClick={() => setVersion((n) => n + 1)}>
              {t('office:queue.retry')}
            </button>
          )}
        </>
      )}
    </>
  );
}

function Application({
  loaded,
  onDone,
  children,
}: {
  loaded: Extract<Loaded, { status: 'ready' }>;
  onDone: (text: string, isRefused: boolean) => void;
  children: ComponentChildren;
}) {
  const { t, lang } = useT();
  const catalog = useCatalog();
  const { application, history } = loaded;
  const { body, preAssessment: pre } = application;
  const product = findProduct(catalog, body.productId);
  const currency = product?.currency ?? 'CNY';
  const cash = (minor: number) => money(minor, lang, currency);
  const yesNo = (value: boolean) => (value ? t('office:yes') : t('office:no'));
  const isErased = application.erasedAt !== null;
  // t('office:state.received') t('office:state.call-first') t('office:state.awaiting-approval')
  // t('office:state.offered') t('office:state.declined') t('office:state.accepted')
  // t('office:state.refused') t('office:state.lapsed') t('office:state.withdrawn')
  const state = t(`office:state.${application.status}`);

  return (
    <>
      <h1>{t('office:app.title', { reference: application.reference })}</h1>
      {children}
      <p>
        <strong>{t('office:app.state', { state })}</strong>
        <br />
        {t('office:app.received', { time: moment(application.receivedAt, lang) })}
      </p>
      {application.status === 'withdrawn' && (
        <p class="office-notice">
          {t('office:app.withdrawn', {
            time: moment(application.withdrawnAt ?? application.receivedAt, lang),
          })}
        </p>
      )}
      {isErased ? (
        <p>{t('office:app.erased')}</p>
      ) : (
        <>
          <p class="hint">{t('office:app.recorded')}</p>
          {pre && <PreAssessmentPart application={application} />}
          <Entered application={application} product={product} />
          <Section id="figures" title={t('office:figures.title')}>
            {application.figures ? (
              <>
                <dl class="summary-list">
                  <Row label={t('office:figures.monthly')}>
                    {cash(application.figures.monthlyPayment)}
                  </Row>
                  <Row label={t('office:figures.rate')}>
                    {formatPercent(application.figures.annualRatePercent, lang)}
                  </Row>
                  <Row label={t('office:figures.total')}>
                    {cash(application.figures.totalPayable)}
                  </Row>
                </dl>
                <p>
                  {application.figuresAgree
                    ? t('office:figures.agree')
                    : t('office:figures.differ')}
                </p>
              </>
            ) : (
              <p>{t('office:figures.none')}</p>
            )}
          </Section>
          {pre && application.product && (
            <Section id="afford" title={t('office:afford.title')}>
              <dl class="summary-list">
                <Row label={t('office:afford.largest')}>
                  {pre.affordability.largestInstalment === null
                    ? '—'
                    : cash(pre.affordability.largestInstalment)}
                </Row>
                <Row
                  label={t('office:afford.affordable', {
                    share: formatPercent(application.product.review.affordableShare * 100, lang),
                  })}
                >
                  {pre.affordability.affordableInstalment === null
                    ? '—'
                    : cash(pre.affordability.affordableInstalment)}
                </Row>
              </dl>
              <p>
                {pre.affordability.affordableInstalment === null
                  ? t('office:afford.unknown')
                  : pre.reasons.includes('repayments-too-high')
                    ? t('office:afford.tooHigh')
                    : t('office:afford.fits')}
              </p>
            </Section>
          )}
          {application.product && (
            <Section id="rules" title={t('office:rules.title')}>
              <dl class="summary-list">
                <Row label={t('office:rules.ages')}>
                  {t('office:rules.agesValue', {
                    min: application.product.eligibility.minAge,
                    max: application.product.eligibility.maxAge,
                  })}
                </Row>
                {application.product.eligibility.needsBusiness && (
                  <Row label={t('office:rules.business')}>{t('office:yes')}</Row>
                )}
                <Row label={t('office:rules.fourEyes')}>
                  {cash(application.product.review.fourEyesAbove)}
                </Row>
                <Row label={t('office:rules.offerDays')}>
                  {t('office:rules.offerDaysValue', {
                    count: application.product.review.offerValidDays,
                  })}
                </Row>
                <Row label={t('office:rules.share')}>
                  {t('office:rules.shareValue', {
                    share: formatPercent(application.product.review.affordableShare * 100, lang),
                  })}
                </Row>
                <Row label={t('office:rules.teachBack')}>
                  {application.product.review.teachBackAttempts}
                </Row>
              </dl>
            </Section>
          )}
          {pre && (
            <Section id="id-checks" title={t('office:id.title')}>
              <dl class="summary-list">
                <Row label={t('office:id.valid')}>{yesNo(pre.idChecks.isValid)}</Row>
                <Row label={t('office:id.birthDate')}>
                  {pre.idChecks.isBirthDateSame === null
                    ? t('office:id.noBirthDate')
                    : yesNo(pre.idChecks.isBirthDateSame)}
                </Row>
                <Row label={t('office:id.age')}>{pre.age}</Row>
              </dl>
            </Section>
          )}
          <Section id="safety" title={t('office:safety.title')}>
            <dl class="summary-list">
              <Row label={t('office:safety.text')}>
                {body.safety.pressured ? t('office:safety.yes') : t('office:safety.no')}
              </Row>
            </dl>
          </Section>
          <Section id="contact" title={t('office:contact.title')}>
            {body.trustedContact ? (
              <dl class="summary-list">
                <Row label={t('office:contact.name')}>{body.trustedContact.name}</Row>
                <Row label={t('office:contact.phone')}>{body.trustedContact.phone}</Row>
                <Row label={t('office:contact.relationship')}>
                  {body.trustedContact.relationship}
                </Row>
              </dl>
            ) : (
              <p>{t('office:contact.none')}</p>
            )}
          </Section>
          <Section id="staff-help" title={t('office:staffHelp.title')}>
            <p>
              {body.assisted
                ? t('office:staffHelp.verified', {
                    staffId: body.assisted.staffId,
                    branch: body.assisted.branch,
                  })
                : body.staffClaim
                  ? t('office:staffHelp.claimed', { staffId: body.staffClaim.staffId })
                  : t('office:staffHelp.none')}
            </p>
          </Section>
        </>
      )}
      <DecisionPart application={application} product={product} onDone={onDone} />
      <History events={history} currency={currency} />
    </>
  );
}

function PreAssessmentPart({ application }: { application: ReviewedApplication }) {
  const { t } = useT();
  const pre = application.preAssessment;
  if (!pre) return null;
  // t('office:pre.outcome.meets') t('office:pre.outcome.call-first') t('office:pre.outcome.fails')
  // t('office:reason.age-below-minimum') t('office:reason.age-above-maximum')
  // t('office:reason.terms-not-offered') t('office:reason.id-check-failed')
  // t('office:reason.id-birth-date-differs') t('office:reason.repayments-too-high')
  // t('office:reason.income-not-given') t('office:reason.teach-back-not-understood')
  // t('office:reason.staff-help-not-verified')
  return (
    <section class={`panel office-pre office-pre--${pre.outcome}`} aria-labelledby="pre-title">
      <h2 id="pre-title">{t('office:pre.title')}</h2>
      <p class="office-pre__outcome">{t(`office:pre.outcome.${pre.outcome}`)}</p>
      {pre.reasons.length > 0 && (
        <>
          <p>{t('office:pre.reasons')}</p>
          <ul>
            {pre.reasons.map((reason) => (
              <li key={reason}>{t(`office:reason.${reason}`)}</li>
            ))}
          </ul>
        </>
      )}
      <p class="hint">{t('office:pre.advice')}</p>
    </section>
  );
}

function Entered({
  application,
  product,
}: {
  application: ReviewedApplication;
  product: Product | null;
}) {
  const { t, lang } = useT();
  const { body } = application;
  const currency = product?.currency ?? 'CNY';
  const cash = (minor: number) => money(minor, lang, currency);
  const band = INCOME_BANDS.find((b) => b.id === body.income.monthlyIncomeBand);
  const whole = (minor: number) => money(minor, lang, currency);
  const income = band
    ? band.max === null
      ? t('income:band.over', { min: whole(band.min) })
      : band.min === 0
        ? t('income:band.under', { max: whole(band.max) })
        : t('income:band.between', { min: whole(band.min), max: whole(band.max - 100) })
    : t('office:entered.incomeNotSaid');
  const { teachBack } = body;
  // t('office:idType.cn-resident') t('office:idType.national-id') t('office:idType.passport')
  // t('office:language.en') t('office:language.zh-CN')
  // t('repay:method.annuity.label') t('repay:method.equal-principal.label')
  return (
    <Section id="entered" title={t('office:entered.title')}>
      <dl class="summary-list">
        <Row label={t('office:entered.name')}>{body.applicant.fullName}</Row>
        <Row label={t('office:entered.dob')}>
          {formatDate(new Date(`${body.applicant.dateOfBirth}T00:00:00Z`), lang, 'UTC')}
        </Row>
        <Row label={t('office:entered.idType')}>
          {t(`office:idType.${body.applicant.idType as 'passport'}`)}
        </Row>
        <Row label={t('office:entered.idNumber')}>{body.applicant.idNumber}</Row>
        <Row label={t('office:entered.phone')}>{body.applicant.phone}</Row>
        <Row label={t('office:entered.country')}>{body.applicant.country}</Row>
        <Row label={t('office:entered.loan')}>{product?.name[lang] ?? body.productId}</Row>
        <Row label={t('office:entered.amount')}>{cash(body.amount)}</Row>
        <Row label={t('office:entered.term')}>
          {t('office:decide.monthsOption', { count: body.months })}
        </Row>
        <Row label={t('office:entered.method')}>{t(`repay:method.${body.method}.label`)}</Row>
        <Row label={t('office:entered.income')}>{income}</Row>
        <Row label={t('office:entered.repayments')}>{cash(body.income.existingRepayments)}</Row>
        <Row label={t('office:entered.language')}>
          {t(`office:language.${body.locale as 'en'}`)}
        </Row>
        <Row label={t('office:entered.teachBack')}>
          {teachBack.answeredCorrectly
            ? t('office:entered.teachBackYes', { count: teachBack.attempts })
            : t('office:entered.teachBackNo', { count: teachBack.attempts })}
        </Row>
      </dl>
    </Section>
  );
}

function DecisionPart({
  application,
  product,
  onDone,
}: {
  application: ReviewedApplication;
  product: Product | null;
  onDone: (text: string, isRefused: boolean) => void;
}) {
  const { t, lang } = useT();
  const { decision, status } = application;
  const cash = (minor: number) => money(minor, lang, product?.currency ?? 'CNY');
  // t('office:decision.decline') t('office:decision.call-first')
  const summary = decision && (
    <>
      <p>
        {decision.kind === 'offer'
          ? t('office:decision.offer', {
              by: decision.by,
              amount: cash(decision.amount ?? 0),
              months: decision.months ?? 0,
              time: moment(decision.at, lang),
            })
          : t(`office:decision.${decision.kind}`, {
              by: decision.by,
              time: moment(decision.at, lang),
            })}
      </p>
      {decision.approvedBy && decision.approvedAt && (
        <p>
          {t('office:decision.approved', {
            by: decision.approvedBy,
            time: moment(decision.approvedAt, lang),
          })}
        </p>
      )}
      {status === 'offered' && application.offerExpiresAt && (
        <p>{t('office:decision.expires', { time: moment(application.offerExpiresAt, lang) })}</p>
      )}
    </>
  );
  if (status === 'awaiting-approval' && decision && product) {
    return (
      <Section id="approval" title={t('office:approval.title')}>
        <Approval application={application} product={product} onDone={onDone} />
        <p>{t('office:approval.orDecline')}</p>
        <DecisionForm
          application={application}
          product={product}
          kinds={['decline']}
          onDone={onDone}
        />
      </Section>
    );
  }
  if (isUndecided(status) && product && application.erasedAt === null) {
    return (
      <Section id="decide" title={t('office:decide.title')}>
        {decision && summary}
        <DecisionForm
          application={application}
          product={product}
          kinds={status === 'received' ? ['offer', 'decline', 'call-first'] : ['offer', 'decline']}
          onDone={onDone}
        />
      </Section>
    );
  }
  return decision ? (
    <Section id="decision" title={t('office:decision.title')}>
      {summary}
    </Section>
  ) : null;
}

function Approval({
  application,
  product,
  onDone,
}: {
  application: ReviewedApplication;
  product: Product;
  onDone: (text: string, isRefused: boolean) => void;
}) {
  const { t, lang } = useT();
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const { decision } = application;
  useEffect(() => {
    if (problem && problemRef.current) moveFocusTo(problemRef.current);
  }, [problem]);
  if (!decision) return null;
  const { amount, months, method } = decision;
  // What the applicant would pay, from the loan engine, for the second reviewer to weigh.
  const figures =
    amount && months && method && !checkChoice(product, { principal: amount, months, method })
      ? figuresFor(product, { principal: amount, months, method })
      : null;
  const agree = async () => {
    if (isBusy) return;
    setBusy(true);
    setProblem(null);
    const answer = await sendApproval(application.id);
    setBusy(false);
    if (answer?.status === 200) {
      onDone(t('office:approval.done'), false);
      return;
    }
    if (answer?.status === 401) return;
    const code = errorCode(answer);
    if (code === 'application-changed' || code === 'not-decidable') {
      onDone(t('office:refused.changed'), true);
      return;
    }
    const message =
      code === 'four-eyes' ? t('office:refused.fourEyes') : t('office:refused.failed');
    setProblem(message);
    announce(message);
  };
  return (
    <>
      <p>
        {t('office:approval.text', {
          by: decision.by,
          amount: money(decision.amount ?? 0, lang),
          months: decision.months ?? 0,
          time: moment(decision.at, lang),
        })}
      </p>
      {figures && (
        <dl class="summary-list">
          <div class="summary-list__row">
            <dt>{t('office:figures.monthly')}</dt>
            <dd>{money(figures.monthlyPayment, lang, product.currency)}</dd>
          </div>
          <div class="summary-list__row">
            <dt>{t('office:figures.rate')}</dt>
            <dd>{formatPercent(figures.annualRatePercent, lang)}</dd>
          </div>
          <div class="summary-list__row">
            <dt>{t('office:figures.total')}</dt>
            <dd>{money(figures.totalPayable, lang, product.currency)}</dd>
          </div>
        </dl>
      )}
      {problem && (
        <div class="error-summary" ref={problemRef}>
          <p>{problem}</p>
        </div>
      )}
      <p>
        <button type="button" class="button button--primary" onClick={() => void agree()}>
          {isBusy ? t('office:approval.agreeing') : t('office:approval.agree')}
        </button>
      </p>
    </>
  );
}
