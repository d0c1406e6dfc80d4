// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { virtual } from '@guidepup/virtual-screen-reader';
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { FULL_DRAFT } from '../../../a11y-tests/support/pages';
import {
  expectHeardInOrder,
  heardSince,
  readUntil,
  settle,
  withVirtualScreenReader,
} from '../../../a11y-tests/support/virtual-screen-reader';
import enCheck from '../../../locales/en/check.json';
import enJourney from '../../../locales/en/journey.json';
import zhCheck from '../../../locales/zh-CN/check.json';
import zhJourney from '../../../locales/zh-CN/journey.json';
import { Shell } from '../../app/Shell';
import { chooseLanguage } from '../../core/i18n';
import { navigate } from '../../core/router';
import type { Answers } from '../answers';
import { saveAnswers } from '../store';

// Each row as it is heard: the question (from the locales) and the answer to FULL_DRAFT.
const PAGE = {
  en: {
    check: enCheck,
    journey: enJourney,
    values: {
      loan: 'Shop working-capital loan',
      amount: '¥20,000',
      term: '12 months',
      repayment: '¥1,739.92 every month, ¥20,879.02 in total',
      fullName: '王秀英',
      dob: '27 March 1968',
      idNumber: '110105196803271235',
      phone: '13800138000',
      income: '¥6,000 to ¥9,999',
      repayments: '¥0',
      contact: '李明 (儿子), 13900139000',
    },
  },
  'zh-CN': {
    check: zhCheck,
    journey: zhJourney,
    values: {
      loan: '小店经营周转贷',
      amount: '¥20,000',
      term: '12 个月',
      repayment: '每月 ¥1,739.92，总共 ¥20,879.02',
      fullName: '王秀英',
      dob: '1968年3月27日',
      idNumber: '110105196803271235',
      phone: '13800138000',
      income: '¥6,000 至 ¥9,999',
      repayments: '¥0',
      contact: '李明（儿子），13900139000',
    },
  },
} as const;

describe('Check your answers, as a screen reader user hears it', () => {
  withVirtualScreenReader();

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: every answer after its question, and each Change link names what it changes`, async () => {
      const { check, journey, values } = PAGE[lang];
      await chooseLanguage(lang);
      saveAnswers(FULL_DRAFT as Partial<Answers>);
      navigate('/apply/safety', { replace: true });
      const { findByRole } = render(<Shell />);
      await settle();
      await virtual.start({ container: document.body });

      navigate('/apply/check');
      await findByRole('heading', { level: 1, name: check.title }, { timeout: 10_000 });
      await settle();
      await readUntil(`button, ${journey.continue}`);
      const heard = await heardSince();

      const rows: [string, string][] = [
        [check.loan, values.loan],
        [check.amount, values.amount],
        [check.term, values.term],
        [check.repayment, values.repayment],
        [check.fullName, values.fullName],
        [check.dob, values.dob],
        [check.idNumber, values.idNumber],
        [check.phone, values.phone],
        [check.income, values.income],
        [check.repayments, values.repayments],
        [check.contact, values.contact],
      ];
      expectHeardInOrder(heard, [
        `heading, ${check.title}, level 1`,
        check.hint,
        ...rows.flatMap(([question, answer]) => [
          question,
          answer,
          `link, ${check.change} ${question}`,
        ]),
        `button, ${journey.continue}`,
      ]);
      // No link is announced as a bare "Change".
      const links = heard.filter((said) => said.startsWith(`link, ${check.change}`));
      expect(links).toHaveLength(rows.length);
    });
  }
});
