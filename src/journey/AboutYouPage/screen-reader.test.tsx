// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { virtual } from '@guidepup/virtual-screen-reader';
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import {
  expectHeardInOrder,
  heardSince,
  readUntil,
  settle,
  withVirtualScreenReader,
} from '../../../a11y-tests/support/virtual-screen-reader';
import enAbout from '../../../locales/en/about.json';
import enApp from '../../../locales/en/app.json';
import enJourney from '../../../locales/en/journey.json';
import zhAbout from '../../../locales/zh-CN/about.json';
import zhApp from '../../../locales/zh-CN/app.json';
import zhJourney from '../../../locales/zh-CN/journey.json';
import { Shell } from '../../app/Shell';
import { chooseLanguage } from '../../core/i18n';
import { navigate } from '../../core/router';
import { asSentences } from '../../ui/ErrorSummary';
import { saveAnswers } from '../store';

const STRINGS = {
  en: { about: enAbout, app: enApp, journey: enJourney },
  'zh-CN': { about: zhAbout, app: zhApp, journey: zhJourney },
} as const;

describe('About you with errors, as a screen reader user hears it', () => {
  withVirtualScreenReader();

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: Continue reads out what is wrong, and each field reads its own error with its label`, async () => {
      const { about, app, journey } = STRINGS[lang];
      await chooseLanguage(lang);
      // Everything right but an ID number too short and a phone number too short.
      saveAnswers({
        productId: 'home-repair',
        amountText: '12500',
        amount: 1_250_000,
        months: 12,
        method: 'annuity',
        fullName: '王秀英',
        dobDay: '27',
        dobMonth: '3',
        dobYear: '1958',
        idNumber: '12345',
        phone: '12',
      });
      navigate('/apply/repayment', { replace: true });
      const { findByRole } = render(<Shell />);
      await settle();
      await virtual.start({ container: document.body });

      // Arriving from the page before: focus on the question, the page's name announced.
      navigate('/apply/about-you');
      // The page's code is transformed on first import: on a loaded machine that has taken
      // longer than findByRole's default second.
      await findByRole('heading', { level: 1, name: about.title }, { timeout: 10_000 });
      await settle();
      const title = app.page.title
        .replace('{{title}}', about.title)
        .replace('{{appName}}', app.appName);
      expectHeardInOrder(await heardSince(), [`heading, ${about.title}, level 1`]);
      expect(await heardSince()).toContain(`polite: ${title}`);

      // The fields are read with their hints, and nothing is called wrong before Continue.
      await readUntil(`button, ${journey.continue}`);
      const beforeContinue = await heardSince();
      expect(beforeContinue).toContain(
        `textbox, ${about.idNumber.label}, 12345, ${about.idNumber.hint}`,
      );
      expect(beforeContinue.join('\n')).not.toContain(about.errors['id-length']);

      // Continue: focus goes to the summary, which is read with every problem at once.
      const pressedAt = beforeContinue.length;
      await virtual.act();
      await settle();
      const idError = about.errors['id-length'];
      const phoneError = about.errors['phone-length'];
      const summary = journey.errorSummaryTitle;
      expect((await heardSince(pressedAt))[0]).toBe(
        `region, ${summary}, ${asSentences([idError, phoneError])}`,
      );

      // Reading on: the heading, then each problem as a link.
      await readUntil(`link, ${idError}`);
      expectHeardInOrder(await heardSince(pressedAt), [
        `heading, ${summary}, level 2`,
        'listitem, level 1, position 1, set size 2',
        `link, ${idError}`,
      ]);

      // Following the link takes focus to the field, read with its label, hint and error.
      const followedAt = (await heardSince()).length;
      await virtual.act();
      await settle();
      expect((await heardSince(followedAt))[0]).toBe(
        `textbox, ${about.idNumber.label}, 12345, ${about.idNumber.hint} ${idError}, invalid`,
      );
      expect(document.activeElement?.id).toBe('id-number');

      // The next field says its own problem too.
      await readUntil('textbox, ');
      await readUntil(`textbox, ${about.phone.label}`);
      expect(await virtual.lastSpokenPhrase()).toBe(
        `textbox, ${about.phone.label}, 12, ${about.phone.hint} ${phoneError}, invalid`,
      );
    });
  }
});
