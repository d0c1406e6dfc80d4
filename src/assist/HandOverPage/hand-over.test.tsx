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

  it('asks staff to hand the tablet to the customer by name', () => {
    saveAnswers({ fullName: 'Wang Xiuying' });
    render(<HandOverPage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Please hand the tablet to Wang Xiuying',
    );
  });

  it('leaves the name off the screen and the tab title while privacy mode is on', () => {
    saveAnswers({ fullName: 'Wang Xiuying' });
    updateSettings({ privacy: true });
    render(<HandOverPage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Please hand the tablet to the customer',
    );
    expect(document.body.textContent).not.toContain('Wang Xiuying');
  });
});
