// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { virtual } from '@guidepup/virtual-screen-reader';
import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import {
  heardSince,
  readUntil,
  settle,
  withVirtualScreenReader,
} from '../../../a11y-tests/support/virtual-screen-reader';
import enAmount from '../../../locales/en/amount.json';
import enChoose from '../../../locales/en/choose.json';
import enJourney from '../../../locales/en/journey.json';
import zhAmount from '../../../locales/zh-CN/amount.json';
import zhChoose from '../../../locales/zh-CN/choose.json';
import zhJourney from '../../../locales/zh-CN/journey.json';
import { chooseLanguage } from '../../core/i18n';
import { navigate } from '../../core/router';
import { Shell } from '../../app/Shell';
import { parseCatalog } from '../../loan';
import products from '../../loan/catalog/products.json';
import { pageScript } from '../../core/page-script';
import { catalogState } from '../catalog';
import { saveAnswers } from '../store';

// The seasonal farm loan's rates all round to 4.90% and the disaster loan's to 4.35%, so
// each range is one rate as written.
const PAGE = {
  en: { choose: enChoose, amount: enAmount, journey: enJourney, farm: '4.90%', disaster: '4.35%' },
  'zh-CN': {
    choose: zhChoose,
    amount: zhAmount,
    journey: zhJourney,
    farm: '4.90%',
    disaster: '4.35%',
  },
} as const;

describe('Which loan, as a screen reader user hears it and as guidance says it', () => {
  withVirtualScreenReader();

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: a rate range whose ends are written the same is said as one rate`, async () => {
      const { choose, journey, farm, disaster } = PAGE[lang];
      await chooseLanguage(lang);
      navigate('/apply', { replace: true });
      const { findByRole } = render(<Shell />);
      await findByRole('heading', { level: 1, name: choose.title }, { timeout: 10_000 });
      await settle();
      await virtual.start({ container: document.body });
      await readUntil(`button, ${journey.continue}`);
      const heard = (await heardSince()).join('\n');
      const spoken = (pageScript.value?.lines ?? []).join('\n');
      for (const rate of [farm, disaster]) {
        const one = choose.rate.replace('{{rate}}', rate);
        const twice = choose.rateRange.replace('{{low}}', rate).replace('{{high}}', rate);
        expect(heard).toContain(one);
        expect(heard).not.toContain(twice);
        expect(spoken).toContain(one);
        expect(spoken).not.toContain(twice);
      }
      // A range of rates written differently still reads as a range.
      expect(heard).toMatch(
        new RegExp(
          choose.rateRange
            .replace('{{low}}', '\\d+\\.\\d\\d%')
            .replace('{{high}}', '\\d+\\.\\d\\d%'),
        ),
      );
    });
  }
});

describe('A loan of one amount only', () => {
  withVirtualScreenReader();

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: is offered as that amount on Which loan and How much, not as a range`, async () => {
      const { choose, amount } = PAGE[lang];
      await chooseLanguage(lang);
      const oneAmount = structuredClone(products);
      const [first] = oneAmount.products;
      if (!first) throw new Error('the sample catalog has products');
      first.amount = { min: 500_000, max: 500_000, step: 100_000 };
      catalogState.value = { status: 'ready', catalog: parseCatalog(oneAmount) };
      saveAnswers({ productId: first.id });
      navigate('/apply', { replace: true });
      render(<Shell />);
      await screen.findByRole('heading', { level: 1, name: choose.title });
      await settle();
      const borrow = choose.amount.replace('{{amount}}', '¥5,000');
      expect(screen.getByText(borrow)).toBeTruthy();
      expect(pageScript.value?.lines.join('\n')).toContain(borrow);

      navigate('/apply/amount');
      await screen.findByRole('heading', { level: 1, name: amount.title });
      await settle();
      const limits = amount.limitsOne.replace('{{amount}}', '¥5,000');
      expect(screen.getByText(limits)).toBeTruthy();
      expect(pageScript.value?.lines).toContain(limits);
    });
  }
});
