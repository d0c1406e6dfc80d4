import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { lender, telHref } from '../../core/config';
import { moveFocusTo } from '../../core/focus';
import { useT } from '../../core/i18n';
import { announce, usePage } from '../../core/page';
import { location } from '../../core/router';
import { AGREEMENT_WITHDRAW_DAYS } from '../../loan/application-state';
import { formatDate, formatMoment } from '../../loan/dates';
import { listSentApplications, type SentApplication } from '../../storage/sent-applications';
import { keepAcceptance, sendAcceptance, sendRefusal } from '../../sync/offer-answers';
import { flushOutbox, outboxVersion } from '../../sync/outbox-sender';
import { refreshSentApplications } from '../../sync/sent-status';
import { AppLink } from '../../ui/AppLink';
import { StatusIcon } from '../../ui/StatusIcon';
import { findProduct, useCatalog } from '../catalog';
import { SIDE_PAGES } from '../flow';
import { amountMoney, factsOf, money, offerFigures, percent } from '../product-view';
import { RepaymentSchedule } from '../RepaymentSchedule';

type View = 'offer' | 'waiting' | 'agreed' | 'refused' | 'lapsed' | 'closed' | 'missing';

function viewOf(app: SentApplication | undefined): View {
  if (!app) return 'missing';
  if (app.status === 'accepted') return 'agreed';
  if (app.pendingAcceptance) return 'waiting';
  if (app.status === 'offered' && app.answer?.offer) return 'offer';
  if (app.status === 'refused') return 'refused';
  if (app.status === 'lapsed') return 'lapsed';
  return 'closed';
}

/** The lender's offer on one application (?id=): the key facts first and largest, worked out
 *  by the loan engine for the offered terms, the whole schedule on request, a plain
 *  declaration, and "Accept this offer" / "No thank you". Accepting is kept on the device and
 *  sent from there, so it works offline; once the lender has it the page says when the
 *  agreement was made and the last day to withdraw from it. */
export function OfferPage() {
  const { t, lang } = useT();
  const id = new URLSearchParams(location.value.search).get('id') ?? '';
  // Read again whenever the outbox (and with it a kept acceptance) has been sent.
  const version = outboxVersion.value;
  const [, setRead] = useState(0);
  const reread = () => setRead((n) => n + 1);
  const app = listSentApplications().find((a) => a.id === id);
  const view = viewOf(app);
  const [isOffline, setOffline] = useState(false);
  useEffect(() => {
    let isCurrent = true;
    refreshSentApplications()
      .then(() => isCurrent && setOffline(false))
      .catch(() => isCurrent && setOffline(true))
      .finally(() => isCurrent && reread());
    return () => {
      isCurrent = false;
    };
  }, []);
  // A change of view replaces what had focus (the button pressed): focus goes to the new
  // heading, and the outcome is said.
  const heading = useRef<HTMLHeadingElement>(null);
  const shownView = useRef<View>(view);
  useEffect(() => {
    const before = shownView.current;
    shownView.current = view;
    if (before === view || !heading.current) return;
    moveFocusTo(heading.current);
    announce(heading.current.textContent ?? '');
  }, [view, version]);
  const date = (iso: string) => formatDate(new Date(iso), lang);
  const titles: Record<View, string> = {
    offer: t('offer:title'),
    waiting: t('offer:waitingTitle'),
    agreed: t('offer:agreedTitle'),
    refused: t('offer:refusedTitle'),
    lapsed: t('offer:lapsedTitle'),
    closed: t('offer:closedTitle'),
    missing: t('offer:missingTitle'),
  };
  const title = titles[view];
  const sentences: string[] =
    view === 'agreed' && app
      ? [t('offer:agreed', { date: date(app.withdrawableUntil), phone: lender.phone })]
      : view === 'waiting'
        ? [t('offer:waiting')]
        : view === 'refused'
          ? [t('offer:refused')]
          : view === 'lapsed'
            ? [t('offer:lapsed', { phone: lender.phone })]
            : view === 'closed'
              ? [t('offer:closed')]
              : view === 'missing'
                ? [t('offer:missing')]
                : [];
  if (view === 'offer' && app) {
    return <OfferView app={app} isOffline={isOffline} heading={heading} onAnswered={reread} />;
  }
  return (
    <OutcomeView
      app={app}
      view={view}
      title={title}
      sentences={sentences}
      isOffline={isOffline}
      heading={heading}
    />
  );
}

interface OutcomeViewProps {
  app: SentApplication | undefined;
  view: View;
  title: string;
  sentences: string[];
  isOffline: boolean;
  heading: RefObject<HTMLHeadingElement | null>;
}

/** Every view but the offer itself: what came of the answer, or why there is no offer. */
function OutcomeView({ app, view, title, sentences, isOffline, heading }: OutcomeViewProps) {
  const { t, lang } = useT();
  const agreedAt = app?.answer?.agreedAt;
  const facts =
    view === 'agreed' && app && agreedAt
      ? [
          [t('offer:agreedOn'), formatDate(new Date(agreedAt), lang)],
          [t('offer:withdrawUntil'), formatDate(new Date(app.withdrawableUntil), lang)],
        ]
      : [];
  usePage(title, {
    speech: [...facts.map(([label, value]) => t('voice:row', { label, value })), ...sentences],
  });
  const panel =
    view === 'agreed' ? 'confirmation-panel' : view === 'waiting' ? 'waiting-panel' : undefined;
  return (
    <>
      <div class={panel}>
        <h1 ref={heading} class={panel ? 'status-heading' : undefined}>
          {view === 'agreed' && <StatusIcon kind="sent" />}
          {view === 'waiting' && <StatusIcon kind="waiting" />}
          <span>{title}</span>
        </h1>
        {app && (
          <dl class="summary-list">
            <ReferenceRow reference={app.reference} />
            {facts.map(([label, value]) => (
              <div class="summary-list__row" key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
        {sentences.map((sentence) => (
          <p key={sentence}>{sentence}</p>
        ))}
      </div>
      {view === 'waiting' && (
        <p>
          <button type="button" class="button" onClick={() => void flushOutbox({ force: true })}>
            {t('offer:tryNow')}
          </button>
        </p>
      )}
      {isOffline && app?.checkedAt && view !== 'waiting' && (
        <p class="panel">
          {t('offer:checked', { moment: formatMoment(new Date(app.checkedAt), lang) })}
        </p>
      )}
      <p>
        <AppLink href={SIDE_PAGES.applications} class="button button--primary">
          {t('offer:mine')}
        </AppLink>
      </p>
      <p>
        {t('confirm:questions')}{' '}
        <a href={telHref(lender.phone)}>{t('confirm:call', { phone: lender.phone })}</a>
      </p>
    </>
  );
}

/** The application's reference, a row of a summary list (it is in Latin letters whatever the
 *  page's language). */
function ReferenceRow({ reference }: { reference: string }) {
  const { t } = useT();
  return (
    <div class="summary-list__row">
      <dt>{t('mine:reference')}</dt>
      <dd lang="en">{reference}</dd>
    </div>
  );
}

type RefuseStage = 'idle' | 'confirm' | 'working' | 'failed' | 'accepting';

interface OfferViewProps {
  app: SentApplication;
  isOffline: boolean;
  heading: RefObject<HTMLHeadingElement | null>;
  onAnswered: () => void;
}

/** The offer: key facts, schedule, declaration and the two answers. */
function OfferView({ app, isOffline, heading, onAnswered }: OfferViewProps) {
  const { t, lang } = useT();
  const catalog = useCatalog();
  const product = findProduct(catalog, app.productId);
  const terms = app.answer?.offer;
  const f = product ? factsOf(product) : null;
  const figures = f && terms ? offerFigures(f, terms) : null;
  const [stage, setStage] = useState<RefuseStage>('idle');
  const refuseButton = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLFieldSetElement>(null);
  const failure = useRef<HTMLParagraphElement>(null);
  const shownStage = useRef<RefuseStage>(stage);
  useEffect(() => {
    const before = shownStage.current;
    shownStage.current = stage;
    if (before === stage) return;
    const target =
      stage === 'confirm'
        ? question.current
        : stage === 'failed'
          ? failure.current
          : stage === 'idle'
            ? refuseButton.current
            : null;
    if (target) moveFocusTo(target);
  }, [stage]);
  const currency = f?.currency ?? app.currency;
  const fmt = (minor: number) => money(minor, currency, lang);
  const isDifferent =
    terms !== undefined && (terms.amount !== app.amount || terms.months !== app.months);
  // A level repayment's last payment takes up the rounding of the others, so it may differ
  // by a few fen: said as it is, never as "getting smaller".
  const monthlyText = () => {
    if (!figures) return '';
    const first = fmt(figures.firstPayment);
    const last = fmt(figures.lastPayment);
    if (figures.isFalling) return t('offer:monthlyFalling', { first, last });
    return first === last ? first : t('offer:monthlyLevelLast', { monthly: first, last });
  };
  const rows: [string, string][] = figures
    ? [
        [t('offer:rate'), percent(figures.annualRatePercent, lang)],
        [t('offer:monthly'), monthlyText()],
        [t('offer:total'), fmt(figures.totalPayable)],
        [t('offer:payments'), t('offer:paymentsValue', { count: figures.payments })],
        [
          t('offer:rightToWithdraw'),
          t('offer:rightToWithdrawValue', { days: AGREEMENT_WITHDRAW_DAYS }),
        ],
      ]
    : [];
  const intro = terms
    ? t('offer:intro', { amount: amountMoney(terms.amount, currency, lang) })
    : '';
  const different = isDifferent
    ? t('offer:different', { amount: amountMoney(app.amount, currency, lang), count: app.months })
    : null;
  const openUntil = terms
    ? t('offer:openUntil', { date: formatDate(new Date(terms.expiresAt), lang) })
    : '';
  const declaration = terms
    ? t('offer:declaration', {
        amount: amountMoney(terms.amount, currency, lang),
        phone: lender.phone,
      })
    : '';
  usePage(t('offer:title'), {
    speech: figures
      ? [
          intro,
          ...(different ? [different] : []),
          ...rows.map(([label, value]) => t('voice:row', { label, value })),
          openUntil,
          declaration,
        ]
      : [t('offer:unknownTerms', { phone: lender.phone })],
  });
  // Kept on the device before it is sent; the page changes once the lender has it, or once
  // the attempt has failed and it waits to be sent.
  const onAccept = async () => {
    setStage('accepting');
    keepAcceptance(app);
    await sendAcceptance(app.id);
    onAnswered();
  };
  const onRefuse = async () => {
    setStage('working');
    const outcome = await sendRefusal(app.id);
    if (outcome === 'waiting') setStage('failed');
    else onAnswered();
  };
  return (
    <>
      <h1 ref={heading}>{t('offer:title')}</h1>
      <dl class="summary-list">
        <ReferenceRow reference={app.reference} />
      </dl>
      {isOffline && app.checkedAt && (
        <p class="panel">
          {t('offer:checked', { moment: formatMoment(new Date(app.checkedAt), lang) })}
        </p>
      )}
      {!figures ? (
        <p>{t('offer:unknownTerms', { phone: lender.phone })}</p>
      ) : (
        <>
          <p class="lead summary-sentence">{intro}</p>
          {different && <p>{different}</p>}
          <h2>{t('offer:keyFacts')}</h2>
          <dl class="key-facts">
            {rows.map(([label, value]) => (
              <div class="key-facts__row" key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <RepaymentSchedule schedule={figures.schedule} currency={currency} />
          <p>{openUntil}</p>
          <h2>{t('offer:declarationTitle')}</h2>
          <p>{declaration}</p>
          {stage === 'failed' && (
            <p class="panel" ref={failure} tabIndex={-1}>
              {t('offer:refuseFailed', { phone: lender.phone })}
            </p>
          )}
          {(stage === 'working' || stage === 'accepting') && (
            <p role="status">{t('offer:sending')}</p>
          )}
          {(stage === 'idle' || stage === 'failed') && (
            <div class="button-row">
              <button type="button" class="button button--primary" onClick={onAccept}>
                {t('offer:accept')}
              </button>
              <button
                type="button"
                class="button"
                ref={refuseButton}
                onClick={() => setStage('confirm')}
              >
                {t('offer:refuse')}
              </button>
            </div>
          )}
          {stage === 'confirm' && (
            <fieldset class="panel" ref={question}>
              <legend class="confirm-legend">{t('offer:refuseConfirm')}</legend>
              <div class="button-row">
                <button type="button" class="button button--primary" onClick={onRefuse}>
                  {t('offer:refuseYes')}
                </button>
                <button type="button" class="button" onClick={() => setStage('idle')}>
                  {t('offer:refuseNo')}
                </button>
              </div>
            </fieldset>
          )}
        </>
      )}
      <p>
        <AppLink href={SIDE_PAGES.applications}>{t('offer:mine')}</AppLink>
      </p>
    </>
  );
}
