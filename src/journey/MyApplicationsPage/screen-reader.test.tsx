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
import enMine from '../../../locales/en/mine.json';
import zhMine from '../../../locales/zh-CN/mine.json';
import { chooseLanguage } from '../../core/i18n';
import { navigate } from '../../core/router';
import { Shell } from '../../app/Shell';
import { rememberSentApplication } from '../../storage/sent-applications';

const STRINGS = { en: enMine, 'zh-CN': zhMine } as const;

// The day the server received RECEIPT, as each language writes it.
const SENT_ON = { en: '28 November 2026', 'zh-CN': '2026年11月28日' } as const;

// Effects run a frame after a render; on a busy machine that can take a while.
const PATIENT = { timeout: 5_000 };

// Within its cooling-off period for as long as the test runs.
const withdrawableUntil = new Date(Date.now() + 7 * 86_400_000).toISOString();
let status = 'received';

describe('Withdrawing on My applications, as a screen reader user hears it', () => {
  withVirtualScreenReader((url, init) => {
    if (url.endsWith('/withdraw') && init?.method === 'POST') status = 'withdrawn';
    return json({ status, withdrawableUntil });
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: focus goes to the question, back to Withdraw on "No", and to the result on "Yes"`, async () => {
      const mine = STRINGS[lang];
      status = 'received';
      localStorage.clear();
      rememberSentApplication({
        id: `${RECEIPT.id}-${lang}`,
        reference: RECEIPT.reference,
        accessToken: RECEIPT.accessToken,
        receivedAt: RECEIPT.receivedAt,
        withdrawableUntil,
        productId: 'home-repair',
        amount: 1_250_000,
        months: 12,
        monthlyPayment: 107_586,
        currency: 'CNY',
        status: 'received',
      });
      await chooseLanguage(lang);
      navigate('/applications', { replace: true });
      const { findByRole } = render(<Shell />);
      await findByRole('heading', { level: 1, name: mine.title }, { timeout: 10_000 });
      await settle();
      await virtual.start({ container: document.body });
      expect(document.querySelector('main')?.textContent).toContain(SENT_ON[lang]);
      const question = mine.confirm.replace('{{reference}}', RECEIPT.reference);

      // Withdraw: the question takes focus and is heard.
      const withdraw = await findByRole('button', {
        name: `${mine.withdraw} ${RECEIPT.reference}`,
      });
      withdraw.focus();
      let from = (await heardSince()).length;
      withdraw.click();
      await waitFor(() => expect(document.activeElement?.tagName).toBe('FIELDSET'), PATIENT);
      await settle();
      expect(await heardSince(from)).toContain(`group, ${question}`);

      // No: back on Withdraw, which is heard again.
      from = (await heardSince()).length;
      (await findByRole('button', { name: mine.no })).click();
      await settle();
      const again = await findByRole('button', { name: `${mine.withdraw} ${RECEIPT.reference}` });
      await waitFor(() => expect(document.activeElement).toBe(again), PATIENT);
      await settle();
      expect(await heardSince(from)).toContain(`button, ${mine.withdraw} ${RECEIPT.reference}`);

      // Yes: the result takes focus and is heard once.
      again.click();
      await waitFor(() => expect(document.activeElement?.tagName).toBe('FIELDSET'), PATIENT);
      from = (await heardSince()).length;
      (await findByRole('button', { name: mine.yes })).click();
      const result = mine.withdrawn.replace('{{reference}}', RECEIPT.reference);
      await waitFor(() => expect(document.activeElement?.textContent).toBe(result), PATIENT);
      await settle();
      const heard = await heardSince(from);
      expect(heard.filter((said) => said.includes(result))).toHaveLength(1);
      expect(document.body.textContent).toContain(mine.statuses.withdrawn);
    });
  }
});
