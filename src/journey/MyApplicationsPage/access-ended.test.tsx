// @vitest-environment jsdom
// A receipt whose access token has ended (the lender no longer keeps the application's
// personal data, and the server answers 410): My applications says so in plain words, offers
// no withdrawal, and stops asking the server about it.
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

describe('My applications with an ended access token', () => {
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
    it(`explains it in plain words and asks no more (${lang})`, async () => {
      const asked: string[] = [];
      stubApi((url) => {
        asked.push(url);
        if (url.endsWith('/api/applications/app-1')) {
          return json({ error: { code: 'access-expired', message: 'x', field: null } }, 410);
        }
        throw new TypeError('Failed to fetch');
      });
      await chooseLanguage(lang);
      localStorage.setItem('kindly.sent', JSON.stringify([SENT]));
      navigate('/applications', { replace: true });
      const first = render(<Shell />);
      await first.findByRole('heading', { level: 1, name: mine.title }, { timeout: 10_000 });
      await first.findByText(mine.accessEnded, { exact: false }, { timeout: 10_000 });
      expect(first.queryByRole('button', { name: new RegExp(mine.withdraw) })).toBeNull();
      expect(first.getByText(SENT.reference)).toBeTruthy();
      expect(first.getByText(mine.statuses.ended)).toBeTruthy();
      expect(first.queryByText(mine.statuses.received)).toBeNull();
      expect(listSentApplications()[0]).toMatchObject({ id: 'app-1', isAccessEnded: true });
      expect(asked).toEqual(['/api/applications/app-1']);
      cleanup();

      const again = render(<Shell />);
      await again.findByText(mine.accessEnded, { exact: false }, { timeout: 10_000 });
      expect(asked).toEqual(['/api/applications/app-1']);
    });
  }
});
