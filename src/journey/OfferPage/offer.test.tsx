// @vitest-environment jsdom
// The offer page: its figures are the loan engine's for the offered terms (not the ones applied
// for), accepting offline is kept and sent once the connection returns with one
// Idempotency-Key, "No thank you" refuses, and an offer that lapsed says so.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, stubApi } from '../../../a11y-tests/support/jsdom-api';
import { SENT_APPLICATION } from '../../../a11y-tests/support/sent';
import enOffer from '../../../locales/en/offer.json';
import zhOffer from '../../../locales/zh-CN/offer.json';
import { Shell } from '../../app/Shell';
import { chooseLanguage, startI18n } from '../../core/i18n';
import { navigate } from '../../core/router';
import { parseCatalog } from '../../loan';
import { figuresFor } from '../../loan/application';
import products from '../../loan/catalog/products.json';
import { formatDate } from '../../loan/dates';
import { formatMoney, formatPercent } from '../../loan/money';
import { listSentApplications, type SentApplication } from '../../storage/sent-applications';
import { flushOutbox } from '../../sync/outbox-sender';

// Applied for 12,000 yuan over 12 months; offered less, over a shorter term.
const APPLIED: SentApplication = {
  ...SENT_APPLICATION,
  productId: 'shop-working-capital',
  amount: 1_200_000,
  monthlyPayment: 110_000,
  status: 'offered',
};
const OFFER = {
  amount: 800_000,
  months: 6,
  method: 'equal-principal',
  expiresAt: '2099-12-20T09:00:00.000Z',
};
const OFFERED: SentApplication = { ...APPLIED, answer: { kind: 'offer', offer: OFFER } };
const AGREED_AT = '2026-12-07T10:00:00.000Z';

/** The server's view of the application in a state, with the answer it gives then. */
function serverView(
  status: string,
  answer: unknown,
  withdrawableUntil = APPLIED.withdrawableUntil,
) {
  return {
    ...APPLIED,
    status,
    withdrawableUntil,
    withdrawnAt: null,
    keptUntil: '2099-01-01T00:00:00.000Z',
    canWithdraw: status === 'accepted',
    answer,
  };
}

const product = parseCatalog(products).products.find((p) => p.id === APPLIED.productId);

describe('the offer page', () => {
  beforeAll(async () => {
    await startI18n();
  });
  afterEach(async () => {
    cleanup();
    // Preact runs an unmounted page's effect clean-ups on a timer: they must run while jsdom
    // is still there.
    await new Promise((resolve) => setTimeout(resolve, 100));
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  for (const [lang, offer] of [
    ['en', enOffer],
    ['zh-CN', zhOffer],
  ] as const) {
    it(`shows the loan engine's figures for the offered terms, not the applied ones (${lang})`, async () => {
      if (!product) throw new Error('the sample catalog has the product');
      stubApi((url) => {
        if (url.endsWith('/api/applications/app-1')) {
          return json(serverView('offered', { kind: 'offer', offer: OFFER }));
        }
        throw new TypeError('Failed to fetch');
      });
      await chooseLanguage(lang);
      localStorage.setItem('kindly.sent', JSON.stringify([OFFERED]));
      navigate('/applications/offer?id=app-1', { replace: true });
      const view = render(<Shell />);
      await view.findByRole('heading', { level: 1, name: offer.title }, { timeout: 10_000 });
      const engine = figuresFor(product, {
        principal: OFFER.amount,
        months: OFFER.months,
        method: 'equal-principal',
      });
      const shownFor = (label: string) =>
        view.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent ?? '';
      expect(shownFor(offer.rate)).toBe(formatPercent(engine.annualRatePercent, lang));
      expect(shownFor(offer.monthly)).toContain(formatMoney(engine.monthlyPayment, 'CNY', lang));
      expect(shownFor(offer.total)).toBe(formatMoney(engine.totalPayable, 'CNY', lang));
      expect(shownFor(offer.payments)).toContain(String(OFFER.months));
      expect(shownFor(offer.rightToWithdraw)).toContain('14');
      // The applied-for figures appear nowhere as the offer's.
      const applied = figuresFor(product, {
        principal: APPLIED.amount,
        months: APPLIED.months,
        method: 'equal-principal',
      });
      expect(shownFor(offer.total)).not.toBe(formatMoney(applied.totalPayable, 'CNY', lang));
      // The whole schedule is there on request, one row a payment.
      expect(view.container.querySelectorAll('.schedule tbody tr')).toHaveLength(OFFER.months);
      expect(view.getByRole('button', { name: offer.accept })).toBeTruthy();
      expect(view.getByRole('button', { name: offer.refuse })).toBeTruthy();
    });

    it(`accepts offline, then sends it once back online with one key, and shows the agreement (${lang})`, async () => {
      const keys: string[] = [];
      let isOnline = true;
      stubApi((url, init) => {
        if (!isOnline) throw new TypeError('Failed to fetch');
        if (url.endsWith('/api/applications/app-1/acceptance') && init?.method === 'POST') {
          keys.push(new Headers(init.headers).get('Idempotency-Key') ?? '');
          return json(
            serverView(
              'accepted',
              { kind: 'offer', offer: OFFER, agreedAt: AGREED_AT },
              '2026-12-21T10:00:00.000Z',
            ),
          );
        }
        if (url.endsWith('/api/applications/app-1')) {
          return json(serverView('offered', { kind: 'offer', offer: OFFER }));
        }
        throw new TypeError('Failed to fetch');
      });
      await chooseLanguage(lang);
      localStorage.setItem('kindly.sent', JSON.stringify([OFFERED]));
      navigate('/applications/offer?id=app-1', { replace: true });
      const view = render(<Shell />);
      const accept = await view.findByRole('button', { name: offer.accept }, { timeout: 10_000 });
      isOnline = false;
      fireEvent.click(accept);
      const waiting = await view.findByRole('heading', { level: 1, name: offer.waitingTitle });
      expect(document.activeElement).toBe(waiting);
      const kept = listSentApplications()[0]?.pendingAcceptance;
      expect(kept?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

      isOnline = true;
      await flushOutbox({ force: true });
      const agreed = await view.findByRole('heading', { level: 1, name: offer.agreedTitle });
      expect(document.activeElement).toBe(agreed);
      expect(keys).toEqual([kept?.idempotencyKey]);
      const shownFor = (label: string) =>
        view.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent ?? '';
      expect(shownFor(offer.agreedOn)).toBe(formatDate(new Date(AGREED_AT), lang));
      expect(shownFor(offer.withdrawUntil)).toBe(
        formatDate(new Date('2026-12-21T10:00:00.000Z'), lang),
      );
      expect(listSentApplications()[0]).toMatchObject({ status: 'accepted' });
      expect(listSentApplications()[0]?.pendingAcceptance).toBeUndefined();
    });

    it(`"No thank you" asks, then refuses the offer (${lang})`, async () => {
      const posted: string[] = [];
      stubApi((url, init) => {
        if (url.endsWith('/refusal') && init?.method === 'POST') {
          posted.push(url);
          return json(serverView('refused', null));
        }
        if (url.endsWith('/api/applications/app-1')) {
          return json(serverView('offered', { kind: 'offer', offer: OFFER }));
        }
        throw new TypeError('Failed to fetch');
      });
      await chooseLanguage(lang);
      localStorage.setItem('kindly.sent', JSON.stringify([OFFERED]));
      navigate('/applications/offer?id=app-1', { replace: true });
      const view = render(<Shell />);
      fireEvent.click(await view.findByRole('button', { name: offer.refuse }, { timeout: 10_000 }));
      expect(posted).toEqual([]);
      fireEvent.click(view.getByRole('button', { name: offer.refuseYes }));
      await view.findByRole('heading', { level: 1, name: offer.refusedTitle });
      expect(posted).toHaveLength(1);
      expect(listSentApplications()[0]).toMatchObject({ status: 'refused' });
    });

    it(`says so when the offer lapsed unanswered (${lang})`, async () => {
      stubApi((url) => {
        if (url.endsWith('/api/applications/app-1')) {
          return json(serverView('lapsed', { kind: 'offer', offer: OFFER }));
        }
        throw new TypeError('Failed to fetch');
      });
      await chooseLanguage(lang);
      localStorage.setItem('kindly.sent', JSON.stringify([OFFERED]));
      navigate('/applications/offer?id=app-1', { replace: true });
      const view = render(<Shell />);
      await view.findByRole('heading', { level: 1, name: offer.lapsedTitle }, { timeout: 10_000 });
      expect(view.queryByRole('button', { name: offer.accept })).toBeNull();
    });
  }
});
