import { describe, expect, it } from 'vitest';
import { stringChunkOf } from './first-page';

describe('string chunks of the build', () => {
  it('puts locale files in the first-page or the later strings of their language', () => {
    expect(stringChunkOf('/w/locales/zh-CN/app.json')).toBe('strings-zh-CN');
    expect(stringChunkOf('/w/locales/en/amount.json')).toBe('strings-en-pages');
    expect(stringChunkOf('/w/src/app/i18n.ts')).toBeNull();
  });
});
