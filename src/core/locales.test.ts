import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(process.cwd(), 'locales');

/** Every key path in a locale file, with plural suffixes folded (zh has no "_one"). */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(one|other)$/, '')];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

function load(lang: string, file: string): unknown {
  return JSON.parse(readFileSync(join(root, lang, file), 'utf8'));
}

describe('locales', () => {
  const files = readdirSync(join(root, 'en'));
  it('both languages have the same files', () => {
    expect(readdirSync(join(root, 'zh-CN')).sort()).toEqual([...files].sort());
  });
  it.each(files)('%s has the same strings in English and Chinese', (file) => {
    const en = [...new Set(keysOf(load('en', file)))].sort();
    const zh = [...new Set(keysOf(load('zh-CN', file)))].sort();
    expect(zh).toEqual(en);
  });
  it.each(files)('%s has no empty strings', (file) => {
    for (const lang of ['en', 'zh-CN']) {
      const text = JSON.stringify(load(lang, file));
      expect(text, `${lang}/${file}`).not.toMatch(/:""/);
    }
  });
});
