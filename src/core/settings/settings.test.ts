// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseSettings } from './settings-state';
import { applySettingsToDocument } from './settings-store';

const bootScript = readFileSync(resolve(process.cwd(), 'src/app/boot.js'), 'utf8');

/** What src/app/boot.js puts on <html> before first paint for a stored value. */
function bootResult(stored: string | null) {
  if (stored === null) localStorage.removeItem('kindly.settings');
  else localStorage.setItem('kindly.settings', stored);
  const root = document.documentElement;
  root.removeAttribute('lang');
  for (const key of Object.keys(root.dataset)) delete root.dataset[key];
  new Function(bootScript)();
  return { lang: root.lang, ...root.dataset };
}

/** What the app applies for the same stored value once it runs. */
function appResult(stored: string | null) {
  const el = document.createElement('html');
  let raw: unknown = null;
  try {
    raw = JSON.parse(stored ?? 'null');
  } catch {
    raw = null;
  }
  applySettingsToDocument(normaliseSettings(raw, navigator.languages), el);
  return { lang: el.lang, ...el.dataset };
}

describe('settings before first paint', () => {
  const cases = [
    null,
    'not json',
    '{}',
    '{"lang":"zh-CN","textSize":"200","theme":"contrast","reduceMotion":true}',
    '{"lang":"fr","textSize":"300","theme":"pink"}',
    '{"textSize":150,"theme":"dark"}',
  ];
  it.each(cases)('boot.js and the app agree for %s', (stored) => {
    expect(bootResult(stored)).toEqual(appResult(stored));
  });

  it('keeps a chosen large text size and high contrast', () => {
    expect(bootResult('{"textSize":"200","theme":"contrast"}')).toMatchObject({
      textSize: '200',
      theme: 'contrast',
    });
  });
});

describe('normaliseSettings', () => {
  it('starts in Chinese when the browser prefers it', () => {
    expect(normaliseSettings(null, ['zh-TW', 'en']).lang).toBe('zh-CN');
    expect(normaliseSettings(null, ['en-GB']).lang).toBe('en');
  });
  it('replaces junk with defaults field by field', () => {
    expect(normaliseSettings({ lang: 'zh-CN', textSize: 'huge', theme: 1 }, [])).toEqual({
      lang: 'zh-CN',
      textSize: '100',
      theme: 'auto',
      reduceMotion: false,
      privacy: false,
      voiceGuidance: false,
      voiceRate: 0.85,
      voiceURI: '',
    });
  });
  it('keeps spoken guidance off unless chosen, at a speed from 0.6 to 1.4', () => {
    expect(normaliseSettings({}, []).voiceGuidance).toBe(false);
    expect(normaliseSettings({ voiceGuidance: true, voiceRate: 1.2 }, [])).toMatchObject({
      voiceGuidance: true,
      voiceRate: 1.2,
    });
    expect(normaliseSettings({ voiceRate: 3 }, []).voiceRate).toBe(0.85);
    expect(normaliseSettings({ voiceRate: '1' }, []).voiceRate).toBe(0.85);
  });
});
