import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTranslator, type Strings } from './i18n';

const app: Strings = {
  appName: 'Kindly',
  page: { title: '{{title}} – {{appName}}' },
  spaced: 'Hello {{ name }}',
  twice: '{{n}} and {{n}}',
};
const journey: Strings = {
  months_one: '{{count}} month',
  months_other: '{{count}} months',
  plain: 'No plural forms',
  nested: { deeper: { text: 'Found' } },
};

// These tests use small made-up namespaces, so their keys are plain strings.
function english() {
  return createTranslator<string>('en', (ns) => ({ app, journey })[ns]);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createTranslator', () => {
  it('looks keys up in the app namespace unless a namespace is named', () => {
    const t = english();
    expect(t('appName')).toBe('Kindly');
    expect(t('app:appName')).toBe('Kindly');
    expect(t('journey:nested.deeper.text')).toBe('Found');
  });

  it('fills every placeholder, spaces inside the braces allowed', () => {
    const t = english();
    expect(t('page.title', { title: 'Settings', appName: 'Kindly' })).toBe('Settings – Kindly');
    expect(t('spaced', { name: 'Li' })).toBe('Hello Li');
    expect(t('twice', { n: 3 })).toBe('3 and 3');
  });

  it('leaves a placeholder with no value as it is, so the gap is visible, and warns', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(english()('page.title', { title: 'Settings' })).toBe('Settings – {{appName}}');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('i18n: no value for {{appName}} in "page.title"');
  });

  it('does not warn when every placeholder and plural form is there', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    english()('page.title', { title: 'Settings', appName: 'Kindly' });
    english()('journey:months', { count: 1 });
    english()('journey:months', { count: 2 });
    expect(warn).not.toHaveBeenCalled();
  });

  it('inserts values as plain text: markup is not escaped or interpreted here', () => {
    // Preact escapes text when it renders; escaping here as well would show "&lt;".
    expect(english()('spaced', { name: '<b>Li & Wang</b>' })).toBe('Hello <b>Li & Wang</b>');
    // "$&" means "the match" to String.replace with a string; a function replacement does not.
    expect(english()('spaced', { name: '$& $1' })).toBe('Hello $& $1');
  });

  it('chooses English plural forms by count', () => {
    const t = english();
    expect(t('journey:months', { count: 1 })).toBe('1 month');
    expect(t('journey:months', { count: 0 })).toBe('0 months');
    expect(t('journey:months', { count: 12 })).toBe('12 months');
  });

  it('uses the "_other" form in Chinese, which has no singular', () => {
    const zh = createTranslator<string>('zh-CN', () => ({ months_other: '{{count}} 个月' }));
    expect(zh('journey:months', { count: 1 })).toBe('1 个月');
    expect(zh('journey:months', { count: 24 })).toBe('24 个月');
  });

  it('falls back to the key without a suffix when a count is given to a plain string, and warns', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(english()('journey:plain', { count: 2 })).toBe('No plural forms');
    expect(warn).toHaveBeenCalledWith(
      'i18n: "journey:plain" has no plural form "plain_other" for en',
    );
  });

  it('falls back to "_other" when the form the language needs is missing, and warns', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const t = createTranslator<string>('en', () => ({ days_other: '{{count}} days' }));
    expect(t('journey:days', { count: 1 })).toBe('1 days');
    expect(warn).toHaveBeenCalledWith('i18n: "journey:days" has no plural form "days_one" for en');
  });

  it('answers a missing key with its default value, or else with the key itself', () => {
    const t = english();
    expect(t('journey:nowhere', { defaultValue: 'sent' })).toBe('sent');
    expect(t('journey:nowhere')).toBe('journey:nowhere');
    expect(t('unknown:appName')).toBe('unknown:appName');
    // A key that names an object, not a string, is missing too.
    expect(t('journey:nested')).toBe('journey:nested');
  });

  it('finds namespaces loaded after it was made', () => {
    const later: Record<string, Strings> = {};
    const t = createTranslator<string>('en', (ns) => later[ns]);
    expect(t('journey:plain')).toBe('journey:plain');
    later.journey = journey;
    expect(t('journey:plain')).toBe('No plural forms');
  });

  it('gives the real locale files their plural forms in both languages', () => {
    const read = (lang: string) =>
      JSON.parse(readFileSync(join(process.cwd(), 'locales', lang, 'journey.json'), 'utf8'));
    const en = createTranslator('en', () => read('en'));
    const zh = createTranslator('zh-CN', () => read('zh-CN'));
    expect(en('journey:months', { count: 1 })).toBe('1 month');
    expect(en('journey:months', { count: 6 })).toBe('6 months');
    expect(zh('journey:months', { count: 1 })).toBe('1 个月');
  });

  it('takes only keys of the English locale files, checked by tsc', () => {
    const read = (ns: string) =>
      JSON.parse(readFileSync(join(process.cwd(), 'locales', 'en', `${ns}.json`), 'utf8'));
    const t = createTranslator('en', read);
    // Each call below fails `tsc -p tsconfig.node.json` without its @ts-expect-error line;
    // at run time a missing key still shows as the key.
    // @ts-expect-error: no such key in locales/en/app.json
    expect(t('app:nonexistent')).toBe('app:nonexistent');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // @ts-expect-error: plural forms are asked for by their base name and a count
    t('journey:months_one', { count: 1 });
    expect(warn).toHaveBeenCalledTimes(1);
    const theme = 'light' as 'light' | 'dark' | 'sepia';
    // @ts-expect-error: a key built from a union with a member the file does not have
    t(`settings.theme.${theme}`);
    const known = 'contrast' as 'light' | 'dark' | 'contrast' | 'auto';
    expect(t(`settings.theme.${known}`)).toBe(read('app').settings.theme.contrast);
  });
});
