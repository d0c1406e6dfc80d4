// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { FULL_DRAFT } from '../../a11y-tests/support/pages';
import { settle, withVirtualScreenReader } from '../../a11y-tests/support/virtual-screen-reader';
import enCheck from '../../locales/en/check.json';
import enRepay from '../../locales/en/repay.json';
import zhCheck from '../../locales/zh-CN/check.json';
import zhRepay from '../../locales/zh-CN/repay.json';
import { chooseLanguage } from '../core/i18n';
import { navigate } from '../core/router';
import { Shell } from '../app/Shell';
import { pageScript } from '../core/page-script';
import type { Answers } from './answers';
import { saveAnswers } from './store';

const STRINGS = {
  en: { repay: enRepay, check: enCheck },
  'zh-CN': { repay: zhRepay, check: zhCheck },
} as const;

describe('The amount the borrower chose', () => {
  withVirtualScreenReader();

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: is written ¥20,000 on What you will repay and Check your answers, shown and spoken`, async () => {
      await chooseLanguage(lang);
      saveAnswers(FULL_DRAFT as Partial<Answers>);
      navigate('/apply/safety', { replace: true });
      render(<Shell />);
      const { repay, check } = STRINGS[lang];
      const opened = async (path: string, title: string) => {
        navigate(path);
        await screen.findByRole('heading', { level: 1, name: title }, { timeout: 10_000 });
        await settle();
        return {
          shown: document.querySelector('main')?.textContent ?? '',
          spoken: pageScript.value?.lines ?? [],
        };
      };

      // What you will repay: "You borrow ¥20,000." (its schedule's total keeps its fen).
      const borrow = repay.borrow.replace('{{amount}}', '¥20,000');
      const repayment = await opened('/apply/repayment', repay.title);
      expect(repayment.shown).toContain(borrow);
      expect(repayment.shown).not.toContain(`${borrow.slice(0, -1)}.00`);
      expect(repayment.spoken).toContain(borrow);

      // Check your answers: the amount as chosen, nowhere with ".00".
      const answers = await opened('/apply/check', check.title);
      for (const text of [answers.shown, answers.spoken.join('\n')]) {
        expect(text).toContain('¥20,000');
        expect(text).not.toContain('¥20,000.00');
      }
    });
  }
});
