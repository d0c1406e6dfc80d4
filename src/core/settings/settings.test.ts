// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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

  it("starts loading the first page's strings in the chosen language, and the journey's files on a journey page", () => {
    const data = document.createElement('script');
    data.type = 'application/json';
    data.id = 'kindly-files';
    data.textContent = JSON.stringify({
      strings: {
        en: ['/assets/strings-en-H1.js', '/assets/runtime-H2.js'],
        'zh-CN': ['/assets/strings-zh-CN-H3.js', '/assets/runtime-H2.js'],
      },
      journey: {
        en: ['/assets/journey-H4.js', '/assets/strings-en-pages-H5.js'],
        'zh-CN': ['/assets/journey-H4.js', '/assets/strings-zh-CN-pages-H6.js'],
      },
      pages: { '/apply/amount': ['/assets/AmountPage-H7.js', '/assets/journey-H4.js'] },
    });
    document.head.append(data);
    const preloads = () => {
      const found = [...document.head.querySelectorAll('link[rel="modulepreload"]')].map((link) =>
        link.getAttribute('href'),
      );
      for (const link of document.head.querySelectorAll('link')) link.remove();
      return found;
    };
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('{}')));
    try {
      bootResult('{"lang":"zh-CN"}');
      expect(preloads()).toEqual(['/assets/strings-zh-CN-H3.js', '/assets/runtime-H2.js']);
      bootResult('{"lang":"en"}');
      expect(preloads()).toEqual(['/assets/strings-en-H1.js', '/assets/runtime-H2.js']);
      // A journey page: its own code too, each file once (a trailing slash is the same page).
      window.history.replaceState(null, '', '/apply/amount/');
      bootResult('{"lang":"zh-CN"}');
      expect(preloads()).toEqual([
        '/assets/strings-zh-CN-H3.js',
        '/assets/runtime-H2.js',
        '/assets/journey-H4.js',
        '/assets/strings-zh-CN-pages-H6.js',
        '/assets/AmountPage-H7.js',
      ]);
      window.history.replaceState(null, '', '/apply/term');
      bootResult('{"lang":"en"}');
      expect(preloads()).toEqual([
        '/assets/strings-en-H1.js',
        '/assets/runtime-H2.js',
        '/assets/journey-H4.js',
        '/assets/strings-en-pages-H5.js',
      ]);
      window.history.replaceState(null, '', '/');
      // Broken data (it is the build's, but never trusted to be whole) preloads nothing and
      // still applies the settings.
      data.textContent = '{"strings": ';
      expect(bootResult('{"lang":"zh-CN","theme":"dark"}')).toMatchObject({ theme: 'dark' });
      expect(preloads()).toEqual([]);
      data.remove();
      // A page without the build's list (the dev server's) preloads nothing.
      bootResult('{"lang":"en"}');
      expect(preloads()).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
      window.history.replaceState(null, '', '/');
      window.kindlyEarlyProducts = undefined;
      data.remove();
    }
  });

  it('asks for the loan catalog at once on a journey page, and on no other', () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      fetched.push(url);
      return Promise.resolve(new Response('{}'));
    });
    try {
      for (const [path, asks] of [
        ['/apply', true],
        ['/apply/amount', true],
        ['/', false],
        ['/applications', false],
        ['/settings', false],
      ] as const) {
        window.history.replaceState(null, '', path);
        window.kindlyEarlyProducts = undefined;
        fetched.length = 0;
        bootResult(null);
        expect({ path, fetched }).toEqual({ path, fetched: asks ? ['/api/products'] : [] });
        expect(window.kindlyEarlyProducts !== undefined).toBe(asks);
      }
    } finally {
      vi.unstubAllGlobals();
      window.history.replaceState(null, '', '/');
      window.kindlyEarlyProducts = undefined;
    }
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
