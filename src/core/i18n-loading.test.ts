// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { activeLanguage, chooseLanguage, loadAllStrings, startI18n, translatorFor } from './i18n';

describe('loading strings', () => {
  it('loads the first page’s strings first, the rest on demand, in each language chosen', async () => {
    localStorage.setItem('kindly.settings', JSON.stringify({ lang: 'en' }));
    await startI18n();
    const en = translatorFor('en');
    expect(activeLanguage.value).toBe('en');
    expect(en('appName')).toBe('Kindly');
    expect(en('voice:answer', { answer: 'Yes' })).toContain('Yes');
    // Journey strings are not part of the first page.
    expect(en('journey:back')).toBe('journey:back');

    await loadAllStrings();
    expect(en('journey:back')).toBe('Back');

    await chooseLanguage('zh-CN');
    expect(activeLanguage.value).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    // Once pages wanted every namespace, a newly chosen language brings them all.
    expect(translatorFor('zh-CN')('journey:back')).toBe('返回');
    expect(translatorFor('zh-CN')).toBe(translatorFor('zh-CN'));
  });
});
