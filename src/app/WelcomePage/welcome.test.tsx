// @vitest-environment jsdom
import { virtual } from '@guidepup/virtual-screen-reader';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startI18n } from '../../core/i18n';
import { Shell } from '../Shell';

describe('Welcome as a screen reader user hears it', () => {
  beforeAll(async () => {
    localStorage.setItem('kindly.settings', JSON.stringify({ lang: 'en' }));
    window.history.replaceState(null, '', '/');
    await startI18n();
  });
  afterEach(async () => {
    await virtual.stop();
    cleanup();
  });

  it('reads the landmarks, the heading, the way in and the reading choices, in order', async () => {
    const { findByRole } = render(<Shell />);
    await findByRole('heading', { level: 1 });
    await virtual.start({ container: document.body });
    for (let i = 0; i < 300; i++) {
      if ((await virtual.lastSpokenPhrase()).startsWith('end of document')) break;
      await virtual.next();
    }
    const heard = await virtual.spokenPhraseLog();
    const expected = [
      'link, Skip to main content',
      'banner',
      'link, Kindly',
      'navigation, Help and settings',
      'button, Get help, 1 control, not expanded',
      'button, Privacy, not pressed',
      'link, What we keep',
      'link, Settings',
      'main',
      'heading, Apply for a small loan, level 1',
      'link, Start an application',
      'link, See applications you have sent',
      'heading, Make it easier to read, level 2',
      'group, Language',
      'radio, English, The page changes as soon as you choose.',
      'radio, 简体中文',
      'group, Text size',
      'radio, Large, Choose the size that is easiest for you to read.',
      'radio, Larger',
      'radio, Largest',
      'group, Spoken guidance',
      'radio, Off, Kindly reads each page aloud',
      'radio, On: read each page aloud',
      'link, More settings: colours, motion and voice speed',
      'contentinfo',
    ];
    // Each phrase is heard, and in this order (other phrases may come between them). Radios
    // are matched by their start: this virtual screen reader reads "checked" from the HTML
    // attribute, not the live state real screen readers use (keyboard.spec.ts checks that).
    let from = 0;
    for (const phrase of expected) {
      const at = heard.findIndex((said, i) => i >= from && said.startsWith(phrase));
      expect(at, `"${phrase}" after position ${from} in:\n${heard.join('\n')}`).toBeGreaterThan(-1);
      from = at + 1;
    }
  });
});
