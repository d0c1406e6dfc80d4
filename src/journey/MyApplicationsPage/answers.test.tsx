// @vitest-environment jsdom
// The lender's answer on My applications: the state in plain words with what it means (a
// decline's reason and where to get help, a call to expect), "has an answer" said once, and
// offline the last known state with when it was checked.
import 'fake-indexeddb/auto';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, stubApi } from '../../../a11y-tests/support/jsdom-api';
import { SENT_APPLICATION as SENT } from '../../../a11y-tests/support/sent';
import enMine from '../../../locales/en/mine.json';
import zhMine from '../../../locales/zh-CN/mine.json';
import { Shell } from '../../app/Shell';
import { chooseLanguage, startI18n } from '../../core/i18n';
import { navigate } from '../../core/router';
import { listSentApplications } from '../../storage/sent-applications';

const fill = (text: string) => text.replace(/\{\{reference\}\}/, SENT.reference);

describe('My applications with an answer from the lender', () => {
  beforeAll(async () => {
    await startI18n();
  });
  afterEach(async () => {
    cleanup();
    // Preact runs an unmounted page's effect clean-ups on a timer: they must run while jsdom
    // is still there, or they throw "window is not defined" after the file has finished.
    await new Promise((resolve) => setTimeout(resolve, 100));
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  for (const [lang, mine] of [
    ['en', enMine],
    ['zh-CN', zhMine],
  ] as const) {
    it(`says a decline in plain words with the reason and help, and that it has an answer once (${lang})`, async () => {
      stubApi((url) => {
        if (url.endsWith('/api/applications/app-1')) {
          return json({
            ...SENT,
            status: 'declined',
            withdrawnAt: null,
            keptUntil: '2099-01-01T00:00:00.000Z',
            canWithdraw: false,
            answer: { kind: 'decline', reason: 'other-debts' },
          });
        }
        throw new TypeError('Failed to fetch');
      });
      await chooseLanguage(lang);
      localStorage.setItem('kindly.sent', JSON.stringify([SENT]));
      navigate('/applications', { replace: true });
      const first = render(<Shell />);
      await first.findByText(mine.statuses.declined, {}, { timeout: 10_000 });
      expect(first.getByText(mine.declined['other-debts'])).toBeTruthy();
      expect(first.getByText(mine.answer.help.split('{{')[0] ?? '', { exact: false })).toBeTruthy();
      expect(first.getByText(fill(mine.hasAnswer), { selector: 'p' })).toBeTruthy();
      expect(first.queryByRole('button', { name: new RegExp(mine.withdraw) })).toBeNull();
      expect(listSentApplications()[0]).toMatchObject({
        status: 'declined',
        toldStatus: 'declined',
      });
      cleanup();

      const again = render(<Shell />);
      await again.findByText(mine.statuses.declined, {}, { timeout: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(again.queryByText(fill(mine.hasAnswer), { selector: 'p' })).toBeNull();
    });

    it(`offline, shows the last known state and when it was checked (${lang})`, async () => {
      stubApi(() => {
        throw new TypeError('Failed to fetch');
      });
      await chooseLanguage(lang);
      localStorage.setItem(
        'kindly.sent',
        JSON.stringify([{ ...SENT, status: 'call-first', checkedAt: '2026-11-29T09:30:00.000Z' }]),
      );
      navigate('/applications', { replace: true });
      const view = render(<Shell />);
      await view.findByText(mine.offline, {}, { timeout: 10_000 });
      expect(view.getByText(mine.statuses['call-first'])).toBeTruthy();
      expect(view.getByText(mine.checked)).toBeTruthy();
      expect(
        view.getByText(mine.answer.callFirst.split('{{')[0] ?? '', { exact: false }),
      ).toBeTruthy();
    });
  }
});
