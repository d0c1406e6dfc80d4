import { describe, expect, it } from 'vitest';
import { bootFiles } from './inline-boot';

const chunk = (
  name: string,
  fileName: string,
  imports: string[] = [],
  isEntry = false,
  facadeModuleId: string | null = null,
) => ({ type: 'chunk' as const, name, fileName, imports, isEntry, facadeModuleId });

describe('bootFiles', () => {
  it("lists each language's first strings, and the journey's files, each with what they import but the entry's", () => {
    const files = bootFiles(
      [
        chunk('index', 'assets/index-1.js', ['assets/preact-2.js'], true),
        chunk('preact', 'assets/preact-2.js'),
        chunk('rolldown-runtime', 'assets/runtime-3.js'),
        chunk('strings-en', 'assets/strings-en-4.js', ['assets/runtime-3.js']),
        chunk('strings-zh-CN', 'assets/strings-zh-CN-5.js', ['assets/runtime-3.js']),
        chunk('strings-en-pages', 'assets/strings-en-pages-6.js', ['assets/runtime-3.js']),
        chunk('strings-zh-CN-pages', 'assets/strings-zh-CN-pages-7.js', ['assets/runtime-3.js']),
        chunk('journey', 'assets/journey-8.js', [
          'assets/preact-2.js',
          'assets/index-1.js',
          'assets/journey-draft-9.js',
          'assets/valibot-10.js',
        ]),
        chunk('journey-draft', 'assets/journey-draft-9.js', ['assets/preact-2.js']),
        chunk('valibot', 'assets/valibot-10.js'),
        chunk(
          'AmountPage',
          'assets/AmountPage-11.js',
          ['assets/journey-8.js', 'assets/TextField-13.js'],
          false,
          '/work/kindly/src/journey/AmountPage/index.tsx',
        ),
        chunk('TextField', 'assets/TextField-13.js', ['assets/index-1.js']),
        { type: 'asset' as const, fileName: 'assets/index-12.css' },
      ],
      { '/apply/amount': 'AmountPage' },
    );
    expect(files).toEqual({
      strings: {
        en: ['/assets/strings-en-4.js', '/assets/runtime-3.js'],
        'zh-CN': ['/assets/strings-zh-CN-5.js', '/assets/runtime-3.js'],
      },
      journey: {
        en: [
          '/assets/journey-8.js',
          '/assets/journey-draft-9.js',
          '/assets/valibot-10.js',
          '/assets/strings-en-pages-6.js',
        ],
        'zh-CN': [
          '/assets/journey-8.js',
          '/assets/journey-draft-9.js',
          '/assets/valibot-10.js',
          '/assets/strings-zh-CN-pages-7.js',
        ],
      },
      pages: { '/apply/amount': ['/assets/AmountPage-11.js', '/assets/TextField-13.js'] },
    });
  });

  it('fails the build when a journey page has no chunk of its own', () => {
    expect(() =>
      bootFiles([chunk('index', 'assets/index-1.js', [], true)], { '/apply/term': 'TermPage' }),
    ).toThrow(/TermPage/);
  });
});
