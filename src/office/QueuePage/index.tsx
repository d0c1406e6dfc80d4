import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { moveFocusTo } from '../../core/focus';
import { loadAllStrings, useT } from '../../core/i18n';
import { announce, usePage } from '../../core/page';
import { findProduct, useCatalog } from '../../journey/catalog';
import { AppLink } from '../../ui/AppLink';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { TextField } from '../../ui/TextField';
import {
  fetchQueue,
  findReference,
  type OfficeAnswer,
  type QueuePage as Page,
  QUEUE_FILTERS,
  type QueueFilter,
} from '../api';
import { moment, money } from '../format';
import { OfficeBar } from '../OfficeBar';
import { applicationHref } from '../paths';
import { OfficeSignIn } from '../SignIn';
import { hasOfficeSessionEnded, officeSession } from '../session';
import '../office.css';

/** What the queue shows: a filter and the cursors of the pages so far (the first is null), or
 *  one reference searched for. Kept for the visit, so Back from an application returns to the
 *  same page of the queue. */
interface QueueView {
  filter: QueueFilter;
  cursors: (string | null)[];
  reference: string | null;
}

const view = signal<QueueView>({ filter: 'all', cursors: [null], reference: null });

type Loaded = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; page: Page };

/** The queue's page once every page's strings are loaded (the route table's loader: the
 *  shell imports this module only when a reviewer opens the office). */
export function withStrings(): Promise<typeof QueuePage> {
  return loadAllStrings().then(() => QueuePage);
}

/** The back office's first page: the reviewer's sign-in, or the queue of applications waiting,
 *  oldest first, with its filters, search by reference and pages. */
export function QueuePage() {
  return officeSession.value ? <Queue /> : <OfficeSignIn hasEnded={hasOfficeSessionEnded.value} />;
}

function Queue() {
  const { t, lang } = useT();
  const catalog = useCatalog();
  const { filter, cursors, reference } = view.value;
  const pageNumber = cursors.length;
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [typed, setTyped] = useState(reference ?? '');
  const [searchError, setSearchError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  // Set by the reviewer's own action (a filter, a page, a search): the result is announced and
  // focus goes to it. Not on arriving, where the page's title is announced instead.
  const isAsked = useRef(false);
  const results = useRef<HTMLTableElement>(null);
  usePage(t('office:queue.title'));

  useEffect(() => {
    let isCurrent = true;
    setLoaded({ status: 'loading' });
    const asked: Promise<OfficeAnswer<Page>> = reference
      ? findReference(reference)
      : fetchQueue(filter, cursors.at(-1) ?? null);
    void asked.then((answer) => {
      if (!isCurrent) return;
      if (answer?.status !== 200 || !answer.body) {
        setLoaded({ status: 'failed' });
        if (isAsked.current) announce(t('office:queue.failed'));
        return;
      }
      const page = answer.body;
      setLoaded({ status: 'ready', page });
      if (isAsked.current) {
        isAsked.current = false;
        announce(
          reference && page.items.length === 0
            ? t('office:queue.notFound', { reference })
            : t('office:queue.shown', { count: page.items.length, page: pageNumber }),
        );
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [filter, cursors, reference, reload]);

  // After Next or Previous the button pressed may be gone: once the page is there, the
  // reviewer goes on from the top of its table.
  const isFocusWanted = useRef(false);
  useEffect(() => {
    if (loaded.status === 'loading' || !isFocusWanted.current) return;
    isFocusWanted.current = false;
    const target = results.current ?? document.querySelector<HTMLElement>('main h1');
    if (target) moveFocusTo(target);
  }, [loaded]);

  const show = (next: QueueView, moveFocus: boolean) => {
    isAsked.current = true;
    isFocusWanted.current = moveFocus;
    view.value = next;
  };

  const productName = (id: string) => findProduct(catalog, id)?.name[lang] ?? id;
  // t('office:queue.filter.all') t('office:queue.filter.waiting')
  // t('office:queue.filter.call-first') t('office:queue.filter.awaiting-approval')
  // t('office:queue.filter.assisted') t('office:queue.filter.claimed-help')
  const filterName = (f: QueueFilter) => t(`office:queue.filter.${f}`);
  // t('office:state.received') t('office:state.call-first') t('office:state.awaiting-approval')
  // t('office:state.offered') t('office:state.declined') t('office:state.accepted')
  // t('office:state.refused') t('office:state.lapsed') t('office:state.withdrawn')
  // t('office:help.assisted') t('office:help.claimed') t('office:help.none')

  return (
    <>
      <OfficeBar />
      <h1>{t('office:queue.title')}</h1>
      <form
        class="office-search"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const wanted = typed.trim().toUpperCase();
          if (!wanted) {
            setSearchError(t('office:queue.searchMissing'));
            const field = document.getElementById('reference');
            if (field) moveFocusTo(field);
            return;
          }
          setSearchError(null);
          show({ ...view.value, reference: wanted }, false);
        }}
      >
        <TextField
          id="reference"
          label={t('office:queue.searchLabel')}
          hint={t('office:queue.searchHint')}
          size={14}
          value={typed}
          error={searchError}
          onInput={setTyped}
        />
        <button type="submit" class="button">
          {t('office:queue.search')}
        </button>
      </form>
      {reference ? (
        <p>
          <button
            type="button"
            class="button"
            onClick={() => {
              setTyped('');
              show({ ...view.value, reference: null }, false);
            }}
          >
            {t('office:queue.showQueue')}
          </button>
        </p>
      ) : (
        <ChoiceGroup
          name="queue-filter"
          legend={t('office:queue.filterLegend')}
          options={QUEUE_FILTERS.map((f) => ({ value: f, label: filterName(f) }))}
          value={filter}
          onChange={(f) => show({ filter: f, cursors: [null], reference: null }, false)}
        />
      )}
      {loaded.status === 'loading' && <p role="status">{t('office:queue.loading')}</p>}
      {loaded.status === 'failed' && (
        <div class="office-notice" role="alert">
          <p>{t('office:queue.failed')}</p>
          <button type="button" class="button" onClick={() => setReload((n) => n + 1)}>
            {t('office:queue.retry')}
          </button>
        </div>
      )}
      {loaded.status === 'ready' && loaded.page.items.length === 0 && (
        <p>{reference ? t('office:queue.notFound', { reference }) : t('office:queue.empty')}</p>
      )}
      {loaded.status === 'ready' && loaded.page.items.length > 0 && (
        <div class="office-table-scroll">
          <table class="office-table" ref={results}>
            <caption>
              {reference
                ? t('office:queue.found', { reference })
                : t('office:queue.caption', { filter: filterName(filter), page: pageNumber })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('office:queue.col.reference')}</th>
                <th scope="col">{t('office:queue.col.received')}</th>
                <th scope="col">{t('office:queue.col.loan')}</th>
                <th scope="col">{t('office:queue.col.amount')}</th>
                <th scope="col">{t('office:queue.col.term')}</th>
                <th scope="col">{t('office:queue.col.state')}</th>
                <th scope="col">{t('office:queue.col.help')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.page.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <AppLink href={applicationHref(item.id)} class="office-table__link">
                      {item.reference}
                    </AppLink>
                  </th>
                  <td>{moment(item.receivedAt, lang)}</td>
                  <td>{productName(item.productId)}</td>
                  <td class="office-table__number">{money(item.amount, lang)}</td>
                  <td>{t('office:queue.months', { count: item.months })}</td>
                  <td>{t(`office:state.${item.status}`)}</td>
                  <td>{t(`office:help.${item.help ?? 'none'}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!reference && (
        <div class="button-row office-pages">
          {cursors.length > 1 && (
            <button
              type="button"
              class="button"
              onClick={() => show({ ...view.value, cursors: cursors.slice(0, -1) }, true)}
            >
              {t('office:queue.previous')}
            </button>
          )}
          {loaded.status === 'ready' && loaded.page.next && (
            <button
              type="button"
              class="button"
              onClick={() => {
                const next = loaded.status === 'ready' ? loaded.page.next : null;
                show({ ...view.value, cursors: [...cursors, next] }, true);
              }}
            >
              {t('office:queue.next')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
