// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { virtual } from '@guidepup/virtual-screen-reader';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, RECEIPT, stubApi } from '../../../a11y-tests/support/jsdom-api';
import { FULL_DRAFT } from '../../../a11y-tests/support/pages';
import {
  expectHeardInOrder,
  heardSince,
  readUntil,
  settle,
} from '../../../a11y-tests/support/virtual-screen-reader';
import enApp from '../../../locales/en/app.json';
import enConfirm from '../../../locales/en/confirm.json';
import enDeclare from '../../../locales/en/declare.json';
import zhApp from '../../../locales/zh-CN/app.json';
import zhConfirm from '../../../locales/zh-CN/confirm.json';
import zhDeclare from '../../../locales/zh-CN/declare.json';
import { Shell } from '../../app/Shell';
import { lender } from '../../core/config';
import { chooseLanguage, createTranslator, type Strings, startI18n } from '../../core/i18n';
import { navigate } from '../../core/router';
import type { Answers } from '../answers';
import { saveAnswers } from '../store';

const STRINGS: Record<'en' | 'zh-CN', Record<string, Strings>> = {
  en: { app: enApp, confirm: enConfirm, declare: enDeclare },
  'zh-CN': { app: zhApp, confirm: zhConfirm, declare: zhDeclare },
};

const WITHDRAW_DATE = { en: '12 December 2026', 'zh-CN': '2026年12月12日' };

describe('Confirmation, as a screen reader user hears it', () => {
  let isOnline = false;
  beforeAll(async () => {
    await startI18n();
  });
  afterEach(async () => {
    await virtual.stop();
    cleanup();
    vi.unstubAllGlobals();
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: saved on the device while offline, then told politely that it was sent, and the receipt read in full`, async () => {
      const t = createTranslator(lang, (ns) => STRINGS[lang][ns]);
      isOnline = false;
      stubApi(() => {
        if (!isOnline) throw new TypeError('Failed to fetch');
        return json(RECEIPT, 201);
      });
      await chooseLanguage(lang);
      saveAnswers({
        ...FULL_DRAFT,
        teachBackCorrect: true,
        teachBackAttempts: 1,
      } as Partial<Answers>);
      navigate('/apply/understand', { replace: true });
      const { findByRole } = render(<Shell />);
      await settle();
      await virtual.start({ container: document.body });
      navigate('/apply/declaration');
      await findByRole('heading', { level: 1, name: t('declare:title') }, { timeout: 10_000 });
      await settle();

      // Send, with no connection: the page says it is saved here and will go by itself.
      await readUntil(`button, ${t('declare:send')}`);
      const sentAt = (await heardSince()).length;
      await virtual.act();
      const pendingTitle = t('confirm:pendingTitle');
      await findByRole('heading', { level: 1, name: pendingTitle }, { timeout: 10_000 });
      await settle();
      await readUntil(`button, ${t('confirm:tryNow')}`);
      expectHeardInOrder(await heardSince(sentAt), [
        `heading, ${pendingTitle}, level 1`,
        `polite: ${t('page.title', { title: pendingTitle, appName: t('appName') })}`,
        t('confirm:notReceived'),
        t('confirm:pending'),
        `button, ${t('confirm:tryNow')}`,
      ]);

      // Back online, "Try to send it now": the live region says it has gone, with the
      // reference, and focus lands on the new heading.
      isOnline = true;
      const triedAt = (await heardSince()).length;
      await virtual.act();
      await findByRole('heading', { level: 1, name: t('confirm:title') }, { timeout: 10_000 });
      await settle();
      const afterTry = await heardSince(triedAt);
      await settle(500);
      const sentNow = `polite: ${t('confirm:sentNow', { reference: RECEIPT.reference })}`;
      expect((await heardSince(triedAt)).filter((said) => said === sentNow)).toHaveLength(1);
      expect(afterTry).toContain(`heading, ${t('confirm:title')}, level 1`);

      // Reading on from the heading: the reference in full, what happens next with the
      // lender's phone, the withdrawal period and its last day, and how to call.
      const readAt = (await heardSince()).length;
      await readUntil(`link, ${t('confirm:call', { phone: lender.phone })}`);
      expectHeardInOrder(await heardSince(readAt), [
        t('confirm:referenceLabel'),
        RECEIPT.reference,
        `button, ${t('confirm:copy')}`,
        `heading, ${t('confirm:nextTitle')}, level 2`,
        t('confirm:next', { phone: lender.phone }),
        `heading, ${t('confirm:withdrawTitle')}, level 2`,
        t('confirm:withdraw', { days: lender.coolingOffDays, date: WITHDRAW_DATE[lang] }),
        `link, ${t('confirm:mine')}`,
        t('confirm:questions'),
        `link, ${t('confirm:call', { phone: lender.phone })}`,
      ]);
    });
  }
});
