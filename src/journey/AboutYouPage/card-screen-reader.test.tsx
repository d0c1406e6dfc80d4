// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { virtual } from '@guidepup/virtual-screen-reader';
import { render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  expectHeardInOrder,
  heardSince,
  readUntil,
  settle,
  withVirtualScreenReader,
} from '../../../a11y-tests/support/virtual-screen-reader';
import enAbout from '../../../locales/en/about.json';
import zhAbout from '../../../locales/zh-CN/about.json';
import { Shell } from '../../app/Shell';
import { chooseLanguage } from '../../core/i18n';
import { navigate } from '../../core/router';
import { residentIdCheckCharacter } from '../../loan/applicant';
import { formatDate } from '../../loan/dates';
import type { CardReading } from '../../loan/id-card';
import { saveAnswers } from '../store';

// The reader (WebAssembly in a worker) runs in the browser tests; here it answers each look
// with the next of `readings`, so what a screen reader hears of the flow is tested alone.
const script = vi.hoisted(() => ({ readings: [] as unknown[] }));
vi.mock('./card-reader', () => ({
  startCardReader: async (onProgress: (share: number) => void) => {
    onProgress(0.4);
    onProgress(1);
    return { read: async () => script.readings.shift(), close: async () => undefined };
  },
}));

const STRINGS = { en: enAbout, 'zh-CN': zhAbout } as const;
const first17 = '11010519580327123';
const ID = first17 + residentIdCheckCharacter(first17);
const NAME = '王秀英';
const DOB = { day: '27', month: '3', year: '1958' };

// What the camera shows, frame by frame (the page looks at a small copy of each): too dark,
// then bright but changed from the dark one (moving), then steady.
const DARK = 0;
const BRIGHT = 200;
function fakeCamera(frames: number[]) {
  const stop = vi.fn();
  vi.stubGlobal('navigator', {
    ...navigator,
    mediaDevices: { getUserMedia: async () => ({ getTracks: () => [{ stop }] }) },
  });
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  vi.spyOn(HTMLMediaElement.prototype, 'readyState', 'get').mockReturnValue(4);
  const context = {
    drawImage: () => undefined,
    getImageData: (_x: number, _y: number, w: number, h: number) => ({
      data: new Uint8ClampedArray(w * h * 4).fill(
        frames.length > 1 ? (frames.shift() ?? 0) : (frames[0] ?? 0),
      ),
    }),
  };
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
    context as unknown as CanvasRenderingContext2D,
  );
  return stop;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Fill in from your ID card, as a screen reader user hears it', () => {
  withVirtualScreenReader();

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: the camera explained first, what it sees said as it changes, and what it filled in read back field by field`, async () => {
      const about = STRINGS[lang];
      await chooseLanguage(lang);
      saveAnswers({
        productId: 'home-repair',
        amountText: '12500',
        amount: 1_250_000,
        months: 12,
        method: 'annuity',
        fullName: '',
        dobDay: '',
        dobMonth: '',
        dobYear: '',
        idNumber: '',
        phone: '',
      });
      const full: CardReading & { sawCard: boolean } = {
        fullName: NAME,
        dateOfBirth: DOB,
        idNumber: ID,
        unclear: [],
        sawCard: true,
      };
      script.readings = [
        { unclear: ['full-name', 'dob', 'id-number'], sawCard: false },
        { fullName: NAME, unclear: ['dob', 'id-number'], sawCard: true },
        full,
      ];
      const stop = fakeCamera([DARK, BRIGHT, BRIGHT]);
      navigate('/apply/about-you', { replace: true });
      const { findByRole } = render(<Shell />);
      await findByRole('heading', { level: 1, name: about.title }, { timeout: 10_000 });
      await settle();
      await virtual.start({ container: document.body });

      // The choice is read with what it does, then "Use the camera" explains before asking.
      await readUntil(`region, ${about.card.title}`);
      await readUntil(`button, ${about.card.useCamera}`);
      expect(await heardSince()).toContain(about.card.intro);
      const explainedAt = (await heardSince()).length;
      await virtual.act();
      await settle();
      await readUntil(`button, ${about.card.explain.start}`);
      expectHeardInOrder(await heardSince(explainedAt), [
        `heading, ${about.card.explain.title}, level 3`,
        about.card.explain.why,
        about.card.explain.stays,
        about.card.explain.nothingSent,
        about.card.explain.ask,
        `button, ${about.card.explain.start}`,
      ]);

      // The camera starts: each change of what it sees is announced once, up to "Card read".
      const startedAt = (await heardSince()).length;
      await virtual.act();
      await vi.waitFor(() => expect(script.readings).toHaveLength(0), { timeout: 8000 });
      await settle(300);
      const status = (key: keyof typeof about.card.status) => `polite: ${about.card.status[key]}`;
      const heard = await heardSince(startedAt);
      expectHeardInOrder(heard, [
        `heading, ${about.card.camera.aim}, level 3`,
        status('tooDark'),
        status('holdStill'),
        status('noCard'),
        status('cardFound'),
        status('read'),
      ]);
      expect(heard.filter((said) => said === status('tooDark'))).toHaveLength(1);
      // The camera is let go of as soon as the card is read.
      expect(stop).toHaveBeenCalled();

      // The read-back is announced whole, the ID number digit by digit in its three groups.
      const dob = formatDate(new Date(Date.UTC(1958, 2, 27)), lang, 'UTC');
      const groups = `${[...ID.slice(0, 6)].join(' ')}, ${[...ID.slice(6, 14)].join(' ')}, ${[...ID.slice(14)].join(' ')}`;
      const idLine = about.card.done.idNumber.replace('{{value}}', groups);
      const readBack = [
        about.card.done.title,
        about.card.done.fullName.replace('{{value}}', NAME),
        about.card.done.dob.replace('{{value}}', dob),
        idLine,
        about.card.done.check,
      ].join(' ');
      expect(heard).toContain(`polite: ${readBack}`);

      // Focus is on the result's heading; reading on gives each field in turn.
      expect(heard).toContain(`heading, ${about.card.done.title}, level 3`);
      const resultAt = (await heardSince()).length;
      await readUntil(about.card.done.check);
      expectHeardInOrder(await heardSince(resultAt), [
        about.card.done.fullName.replace('{{value}}', NAME),
        about.card.done.dob.replace('{{value}}', dob),
        idLine,
        about.card.done.check,
      ]);
      // The number's grouped digits, not the 18 characters run together.
      expect((await heardSince(resultAt)).join('\n')).not.toContain(ID);

      // Each filled field says it was read from the card and is to be checked.
      await readUntil(`textbox, ${about.fullName.label}`);
      expect(await virtual.lastSpokenPhrase()).toBe(
        `textbox, ${about.fullName.label}, ${NAME}, ${about.fullName.hint} ${about.card.fieldNote}`,
      );
      await readUntil(`textbox, ${about.idNumber.label}`);
      expect(await virtual.lastSpokenPhrase()).toBe(
        `textbox, ${about.idNumber.label}, ${ID}, ${about.idNumber.hint} ${about.card.fieldNote}`,
      );
    });
  }
});
