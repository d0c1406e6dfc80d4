import { useEffect, useState } from 'preact/hooks';
import { lender, telHref } from '../../core/config';
import { type Translate, useT } from '../../core/i18n';
import { announce, usePage } from '../../core/page';
import { settings } from '../../core/settings/settings-store';
import type { OutboxEntry } from '../../storage/outbox';
import {
  listSentApplications,
  rememberSentApplication,
  type SentApplication,
} from '../../storage/sent-applications';
import { fetchApplication, withdrawApplication } from '../../sync/api';
import { AppLink } from '../../ui/AppLink';
import { PrivacyValue } from '../../ui/PrivacyValue';
import { findProduct, useCatalog } from '../catalog';
import { changeRefusedApplication, usePendingApplications } from '../pending';
import { amountMoney, factsOf } from '../product-view';

interface ServerView {
  status: string;
  withdrawableUntil: string;
}

function isServerView(body: unknown): body is ServerView {
  const b = body as Partial<ServerView> | null;
  return typeof b?.status === 'string' && typeof b.withdrawableUntil === 'string';
}

// The statuses the server gives (ApplicationStatus in src/server/store.ts); one added there
// later is shown as the server spells it until it has words here. Nothing more is said once
// the application's access has ended.
const STATUSES = ['received', 'withdrawn'] as const;

function statusText(t: Translate, app: SentApplication): string {
  if (app.isAccessEnded) return t('mine:statuses.ended');
  const isKnown = (s: string): s is (typeof STATUSES)[number] =>
    (STATUSES as readonly string[]).includes(s);
  // t('mine:statuses.received') t('mine:statuses.withdrawn')
  return isKnown(app.status) ? t(`mine:statuses.${app.status}`) : app.status;
}

// The server answers 410 to a token whose application's personal data is no longer kept: it
// will never read anything again, so the device stops asking and says why.
const ACCESS_ENDED = 410;

/** Applications waiting on this device to be sent, then every application sent from it, with its status from the server, and a way to
 *  withdraw within the cooling-off period after a confirmation step. */
export function MyApplicationsPage() {
  const { t } = useT();
  const [apps, setApps] = useState<SentApplication[]>(listSentApplications);
  usePage(t('mine:title'), {
    speech:
      apps.length === 0
        ? [t('mine:none')]
        : apps.flatMap((app) => [
            t('mine:reference'),
            { spell: app.reference },
            `${t('mine:status')}: ${statusText(t, app)}.`,
            ...(app.isAccessEnded ? [t('mine:accessEnded')] : []),
          ]),
  });
  const [isOffline, setOffline] = useState(false);
  const pending = usePendingApplications() ?? [];
  // An application the outbox has just sent moves from pending to the list below.
  const sentCount = listSentApplications().length;
  useEffect(() => {
    if (sentCount !== apps.length) setApps(listSentApplications());
  }, [sentCount, apps.length]);
  useEffect(() => {
    let isCurrent = true;
    Promise.all(
      listSentApplications()
        .filter((app) => !app.isAccessEnded)
        .map(async (app) => {
          const answer = await fetchApplication(app.id, app.accessToken);
          if (answer.status === 200 && isServerView(answer.body)) {
            rememberSentApplication({ ...app, ...answer.body });
          } else if (answer.status === ACCESS_ENDED) {
            rememberSentApplication({ ...app, isAccessEnded: true });
          }
        }),
    )
      .catch(() => {
        if (isCurrent) setOffline(true);
      })
      .finally(() => {
        if (isCurrent) setApps(listSentApplications());
      });
    return () => {
      isCurrent = false;
    };
  }, []);
  return (
    <>
      <h1>{t('mine:title')}</h1>
      {isOffline && <p class="panel">{t('mine:offline')}</p>}
      {pending.length > 0 && (
        <ul class="application-list">
          {pending.map((entry) => (
            <li key={entry.localId}>
              <PendingCard entry={entry} />
            </li>
          ))}
        </ul>
      )}
      {apps.length === 0 && pending.length === 0 ? (
        <>
          <p>{t('mine:none')}</p>
          <p>
            <AppLink href="/apply" class="button button--primary">
              {t('mine:start')}
            </AppLink>
          </p>
        </>
      ) : (
        apps.length > 0 && (
          <ul class="application-list">
            {apps.map((app) => (
              <li key={app.id}>
                <ApplicationCard app={app} onChange={() => setApps(listSentApplications())} />
              </li>
            ))}
          </ul>
        )
      )}
    </>
  );
}

/** An application saved on this device and not yet received by the lender. */
function PendingCard({ entry }: { entry: OutboxEntry }) {
  const { t, lang } = useT();
  const catalog = useCatalog();
  const product = findProduct(catalog, entry.summary.productId);
  const isRefused = entry.refusedField !== undefined;
  const headingId = `pending-${entry.localId}`;
  return (
    <section class="application-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{product ? factsOf(product).text(lang).name : t('mine:loan')}</h2>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t('mine:amount')}</dt>
          <dd>
            <PrivacyValue isPrivate={settings.value.privacy} revealLabel={t('journey:revealValue')}>
              {amountMoney(entry.summary.amount, entry.summary.currency, lang)}
            </PrivacyValue>
          </dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('mine:status')}</dt>
          <dd>{isRefused ? t('mine:needsChange') : t('mine:pending')}</dd>
        </div>
      </dl>
      {isRefused && (
        <p>
          <button
            type="button"
            class="button button--primary"
            onClick={() => void changeRefusedApplication(entry)}
          >
            {t('mine:change')}
          </button>
        </p>
      )}
    </section>
  );
}

function ApplicationCard({ app, onChange }: { app: SentApplication; onChange: () => void }) {
  const { t, lang } = useT();
  const catalog = useCatalog();
  const product = findProduct(catalog, app.productId);
  const [stage, setStage] = useState<'idle' | 'confirm' | 'working' | 'failed' | 'too-late'>(
    'idle',
  );
  const date = (iso: string) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(iso));
  const canWithdraw =
    app.status === 'received' &&
    !app.isAccessEnded &&
    Date.now() < Date.parse(app.withdrawableUntil);
  const headingId = `app-${app.id}`;
  const onWithdraw = async () => {
    setStage('working');
    try {
      const answer = await withdrawApplication(app.id, app.accessToken);
      if (answer.status === 200 && isServerView(answer.body)) {
        rememberSentApplication({ ...app, ...answer.body });
        setStage('idle');
        announce(t('mine:withdrawn', { reference: app.reference }));
        onChange();
        return;
      }
      if (answer.status === ACCESS_ENDED) {
        rememberSentApplication({ ...app, isAccessEnded: true });
        setStage('idle');
        onChange();
        return;
      }
      setStage(answer.status === 409 ? 'too-late' : 'failed');
    } catch {
      setStage('failed');
    }
  };
  return (
    <section class="application-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{product ? factsOf(product).text(lang).name : t('mine:loan')}</h2>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t('mine:reference')}</dt>
          <dd lang="en">{app.reference}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('mine:amount')}</dt>
          <dd>
            <PrivacyValue isPrivate={settings.value.privacy} revealLabel={t('journey:revealValue')}>
              {amountMoney(app.amount, app.currency, lang)}
            </PrivacyValue>
          </dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('mine:sent')}</dt>
          <dd>{date(app.receivedAt)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('mine:status')}</dt>
          <dd>{statusText(t, app)}</dd>
        </div>
      </dl>
      {app.isAccessEnded && (
        <p class="panel">
          {t('mine:accessEnded')}{' '}
          <a href={telHref(lender.phone)}>{t('confirm:call', { phone: lender.phone })}</a>
        </p>
      )}
      {canWithdraw && stage === 'idle' && (
        <p>
          {t('mine:canWithdraw', { date: date(app.withdrawableUntil) })}{' '}
          <button type="button" class="button" onClick={() => setStage('confirm')}>
            {/* The space stands outside the hidden text: Chromium drops one inside it. */}
            {t('mine:withdraw')} <span class="visually-hidden">{app.reference}</span>
          </button>
        </p>
      )}
      {stage === 'confirm' && (
        <fieldset class="panel">
          <legend class="confirm-legend">{t('mine:confirm', { reference: app.reference })}</legend>
          <div class="button-row">
            <button type="button" class="button button--primary" onClick={onWithdraw}>
              {t('mine:yes')}
            </button>
            <button type="button" class="button" onClick={() => setStage('idle')}>
              {t('mine:no')}
            </button>
          </div>
        </fieldset>
      )}
      {stage === 'working' && <p>{t('mine:working')}</p>}
      {(stage === 'failed' || stage === 'too-late') && (
        <p class="panel">
          {stage === 'failed' ? t('mine:failed') : t('mine:tooLate')}{' '}
          <a href={telHref(lender.phone)}>{t('confirm:call', { phone: lender.phone })}</a>
        </p>
      )}
    </section>
  );
}
