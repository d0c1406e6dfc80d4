// @vitest-environment jsdom
// When the app opens online on another page and an application has an answer the applicant
// has not been told of, the frame says so once, with a link to it; My applications then does
// not say it again.
import 'fake-indexeddb/auto';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, stubApi } from '../../../a11y-tests/support/jsdom-api';
import { SENT_APPLICATION as OFFERED } from '../../../a11y-tests/support/sent';
import enMine from '../../../locales/en/mine.json';
import { Shell } from '../../app/Shell';
import { chooseLanguage, startI18n } from '../../core/i18n';
import { announcement } from '../../core/page';
import { navigate } from '../../core/router';

describe('news of an answer when the app opens', () => {
  beforeAll(async () => {
    await startI18n();
  });
  afterEach(async () => {
    cleanup();
    await new Promise((resolve) => setTimeout(resolve, 100));
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('is said and shown once on the first page, and leads to the offer', async () => {
    stubApi((url) => {
      if (url.endsWith('/api/applications/app-1')) {
        return json({
          ...OFFERED,
          status: 'offered',
          withdrawnAt: null,
          keptUntil: '2099-01-01T00:00:00.000Z',
          canWithdraw: true,
          answer: {
            kind: 'offer',
            offer: {
              amount: 1_000_000,
              months: 6,
              method: 'annuity',
              expiresAt: '2099-12-20T09:00:00.000Z',
            },
          },
        });
      }
      throw new TypeError('Failed to fetch');
    });
    await chooseLanguage('en');
    localStorage.setItem('kindly.sent', JSON.stringify([OFFERED]));
    navigate('/', { replace: true });
    const heard: string[] = [];
    const stop = announcement.subscribe((text) => heard.push(text));
    const view = render(<Shell />);
    const news = enMine.hasAnswer.replace('{{reference}}', OFFERED.reference);
    await view.findByText(news, { exact: false }, { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop();
    expect(heard).toContain(news);
    const link = view.getByRole('link', { name: `${enMine.seeAnswer} ${OFFERED.reference}` });
    expect(link.getAttribute('href')).toBe('/applications/offer?id=app-1');

    navigate('/applications');
    await view.findByRole('heading', { level: 1, name: enMine.title }, { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(view.queryByText(news, { exact: false })).toBeNull();
  });
});
