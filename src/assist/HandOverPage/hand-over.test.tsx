// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAllStrings, startI18n } from '../../core/i18n';
import { updateSettings } from '../../core/settings/settings-store';
import { saveAnswers } from '../../journey/store';
import { HandOverPage } from '.';

describe('the hand-over page', () => {
  beforeAll(async () => {
    await startI18n();
    await loadAllStrings();
  });
  afterEach(() => {
    cleanup();
    updateSettings({ privacy: false });
  });

  it('keeps the customer’s name out of the heading and the tab’s title, privacy mode or not', () => {
    saveAnswers({ fullName: 'Wang Xiuying' });
    for (const privacy of [false, true]) {
      updateSettings({ privacy });
      render(<HandOverPage />);
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
        'Please hand the tablet to the customer',
      );
      expect(document.body.textContent).not.toContain('Wang Xiuying');
      expect(document.title).not.toContain('Wang');
      cleanup();
    }
  });
});
