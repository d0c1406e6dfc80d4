import { describe, expect, it } from 'vitest';
import { journeyChunkOf, stringChunkOf } from './first-page';

describe('chunks of the build', () => {
  it('puts locale files in the first-page or the later strings of their language', () => {
    expect(stringChunkOf('/w/locales/zh-CN/app.json')).toBe('strings-zh-CN');
    expect(stringChunkOf('/w/locales/en/amount.json')).toBe('strings-en-pages');
    expect(stringChunkOf('/w/src/app/i18n.ts')).toBeNull();
  });

  it.each([
    ['/w/src/journey/start.ts', 'journey-draft'],
    ['/w/src/storage/outbox.ts', 'journey-draft'],
    ['/w/src/sync/outbox-sender.ts', 'journey-draft'],
    ['/w/src/loan/answer-fields.ts', 'journey-draft'],
    ['/w/src/loan/income-bands.ts', 'journey-draft'],
    ['/w/node_modules/idb/build/index.js', 'journey-draft'],
    ['/w/src/loan/schedule.ts', 'journey'],
    ['/w/src/journey/catalog.ts', 'journey'],
    ['/w/src/journey/QuestionPage/index.tsx', 'journey'],
    ['/w/node_modules/valibot/dist/index.mjs', 'journey'],
    // The entry's own modules, and each page's code, stay out of both.
    ['/w/src/sync/api.ts', null],
    ['/w/src/loan/dates.ts', null],
    ['/w/src/journey/routes.ts', null],
    ['/w/src/journey/draft-status.ts', null],
    ['/w/src/journey/AmountPage/index.tsx', null],
    ['/w/src/ui/ChoiceGroup/index.tsx', null],
    ['/w/node_modules/preact/dist/preact.mjs', null],
  ])('%s → %s', (path, chunk) => {
    expect(journeyChunkOf(path)).toBe(chunk);
  });
});
