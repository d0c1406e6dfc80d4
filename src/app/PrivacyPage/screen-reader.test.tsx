// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { virtual } from '@guidepup/virtual-screen-reader';
import { render, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { json, RECEIPT } from '../../../a11y-tests/support/jsdom-api';
import {
  heardSince,
  settle,
  withVirtualScreenReader,
} from '../../../a11y-tests/support/virtual-screen-reader';
import enPrivacy from '../../../locales/en/privacy.json';
import zhPrivacy from '../../../locales/zh-CN/privacy.json';
import { chooseLanguage } from '../../core/i18n';
import { navigate } from '../../core/router';
import { listOutbox, putOutboxEntry, removeOutboxEntry } from '../../storage/outbox';
import { listSentApplications, rememberSentApplication } from '../../storage/sent-applications';
import { Shell } from '../Shell';

// The words each language says about one application, as i18next picks its plural form.
const STRINGS = {
  en: {
    ...enPrivacy,
    waiting: enPrivacy.tablet.confirmWaiting_one,
    keptWaiting: enPrivacy.tablet.keptWaiting_one,
  },
  'zh-CN': {
    ...zhPrivacy,
    waiting: zhPrivacy.tablet.confirmWaiting_other.replace('{{count}}', '1'),
    keptWaiting: zhPrivacy.tablet.keptWaiting_other.replace('{{count}}', '1'),
  },
} as const;

// The day the lender keeps the application's personal details until, as each language writes it.
const KEPT_UNTIL = '2027-01-10T09:00:00.000Z';
const KEPT_ON = { en: '10 January 2027', 'zh-CN': '2027年1月10日' } as const;

const PATIENT = { timeout: 5_000 };

const erased: string[] = [];

/** What was heard as a question took focus: the group's name, then what it means. */
function questionHeard(heard: readonly string[], question: string): string {
  const said = heard.find((phrase) => phrase.startsWith(`group, ${question}`));
  expect(said, heard.join('\n')).toBeDefined();
  return said ?? '';
}

describe('What Kindly keeps, as a screen reader user hears it', () => {
  withVirtualScreenReader((url, init) => {
    // The lender is out of reach for sending, so the waiting application stays waiting.
    if (url.endsWith('/api/applications')) throw new TypeError('Failed to fetch');
    if (url.endsWith('/erase') && init?.method === 'POST') {
      erased.push(url);
      return json({ id: RECEIPT.id, reference: RECEIPT.reference, status: 'withdrawn' });
    }
    return json({
      status: 'withdrawn',
      withdrawableUntil: RECEIPT.withdrawableUntil,
      keptUntil: KEPT_UNTIL,
    });
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: asking the lender to erase, then erasing the tablet, each asks first and says what came of it`, async () => {
      const words = STRINGS[lang];
      localStorage.clear();
      erased.length = 0;
      for (const entry of await listOutbox()) await removeOutboxEntry(entry.localId);
      rememberSentApplication({
        ...RECEIPT,
        id: `${RECEIPT.id}-${lang}`,
        status: 'withdrawn',
        productId: 'home-repair',
        amount: 1_250_000,
        months: 12,
        monthlyPayment: 107_586,
        currency: 'CNY',
      });
      await putOutboxEntry({
        localId: `waiting-${lang}`,
        body: {},
        idempotencyKey: `key-${lang}`,
        summary: {
          productId: 'home-repair',
          amount: 100_000,
          months: 12,
          monthlyPayment: 8_800,
          currency: 'CNY',
        },
        answers: {},
        createdAt: 1,
        attempts: 0,
        nextAttemptAt: Date.now() + 86_400_000,
      });
      await chooseLanguage(lang);
      navigate('/privacy', { replace: true });
      const { findByRole } = render(<Shell />);
      await findByRole('heading', { level: 1, name: words.title }, { timeout: 10_000 });
      await waitFor(
        () => expect(document.querySelector('main')?.textContent).toContain(KEPT_ON[lang]),
        PATIENT,
      );
      await settle();
      await virtual.start({ container: document.body });

      // Asking the lender: the question takes focus and is heard, then the result.
      const ask = await findByRole('button', {
        name: `${words.lender.erase} ${RECEIPT.reference}`,
      });
      ask.focus();
      let from = (await heardSince()).length;
      ask.click();
      await waitFor(() => expect(document.activeElement?.tagName).toBe('FIELDSET'), PATIENT);
      await settle();
      const askQuestion = words.lender.confirm.replace('{{reference}}', RECEIPT.reference);
      expect(questionHeard(await heardSince(from), askQuestion)).toContain(
        words.lender.confirmText,
      );
      from = (await heardSince()).length;
      (await findByRole('button', { name: words.lender.yes })).click();
      const askResult = words.lender.erased.replace('{{reference}}', RECEIPT.reference);
      await waitFor(() => expect(document.activeElement?.textContent).toBe(askResult), PATIENT);
      await settle();
      expect((await heardSince(from)).filter((said) => said.includes(askResult))).toHaveLength(1);
      expect(erased).toEqual([`/api/applications/${RECEIPT.id}-${lang}/erase`]);

      // Erasing the tablet: the question says plainly that the waiting application stays.
      const erase = await findByRole('button', { name: words.tablet.erase });
      erase.focus();
      from = (await heardSince()).length;
      erase.click();
      await waitFor(() => expect(document.activeElement?.tagName).toBe('FIELDSET'), PATIENT);
      await settle();
      const question = questionHeard(await heardSince(from), words.tablet.confirm);
      expect(question).toContain(words.tablet.confirmText);
      expect(question).toContain(words.waiting);

      // No: back on the button, nothing erased.
      (await findByRole('button', { name: words.tablet.no })).click();
      await waitFor(
        () => expect(document.activeElement?.textContent).toBe(words.tablet.erase),
        PATIENT,
      );
      expect(listSentApplications()).toHaveLength(1);

      // Yes: the result takes focus, is heard, and says the waiting application is kept.
      (document.activeElement as HTMLElement).click();
      await waitFor(() => expect(document.activeElement?.tagName).toBe('FIELDSET'), PATIENT);
      from = (await heardSince()).length;
      (await findByRole('button', { name: words.tablet.yes })).click();
      await waitFor(
        () => expect(document.activeElement?.textContent).toContain(words.tablet.erased),
        PATIENT,
      );
      await settle();
      const heard = await heardSince(from);
      const result = heard.filter((said) => said.includes(words.tablet.erased));
      expect(result).toHaveLength(1);
      expect(result[0]).toContain(words.keptWaiting);
      // Still read in the same language, which is no longer saved.
      expect(document.documentElement.lang).toBe(lang);
      expect(localStorage.getItem('kindly.settings')).toBeNull();
      expect(listSentApplications()).toEqual([]);
      expect((await listOutbox()).map((entry) => entry.localId)).toEqual([`waiting-${lang}`]);
      // The outbox's change re-renders the page a moment later: let it, before the page goes.
      await settle(300);
    });
  }
});
