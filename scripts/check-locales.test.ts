import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLocales, readSources } from './check-locales';

const root = resolve(import.meta.dirname, '..');
const dirs: string[] = [];

/** A copy of the real locales/ to plant changes in. */
function copyOfLocales(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kindly-locales-'));
  dirs.push(dir);
  cpSync(join(root, 'locales'), dir, { recursive: true });
  return dir;
}

function editJson(path: string, change: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  change(json);
  writeFileSync(path, JSON.stringify(json, null, 2));
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the locale check (i18next-parser)', () => {
  it('passes on the real code and locale files', async () => {
    expect(await checkLocales(readSources(join(root, 'src')), join(root, 'locales'))).toEqual([]);
  }, 60_000);

  // One run of the parser for the three plants: each run reads all of src/ and takes seconds.
  it('fails on a planted missing key, missing plural form and unused key', async () => {
    const locales = copyOfLocales();
    editJson(join(locales, 'zh-CN/app.json'), (json) => {
      delete json.appName;
    });
    editJson(join(locales, 'en/journey.json'), (json) => {
      delete json.months_one;
      json.neverShown = 'Nobody reads this';
    });
    const problems = await checkLocales(readSources(join(root, 'src')), locales);
    expect(problems).toEqual([
      { kind: 'missing', file: 'en/journey.json', key: 'months_one' },
      { kind: 'unused', file: 'en/journey.json', key: 'neverShown' },
      { kind: 'missing', file: 'zh-CN/app.json', key: 'appName' },
    ]);
  }, 60_000);

  it('counts a key listed in a comment beside a built key, and only there', async () => {
    const locales = copyOfLocales();
    const page = (comment: string) =>
      new Map([
        [
          join(root, 'src/app/Planted/index.tsx'),
          `export function Planted({ t, theme }) {\n${comment}\n  return t(\`settings.theme.\${theme}\`);\n}\n`,
        ],
      ]);
    const listed = await checkLocales(
      page("  // t('settings.theme.auto') t('settings.theme.light')"),
      locales,
    );
    expect(listed.filter((p) => p.key === 'settings.theme.light')).toEqual([]);
    expect(listed).toContainEqual({ kind: 'unused', file: 'en/app.json', key: 'appName' });

    const unlisted = await checkLocales(page(''), locales);
    expect(unlisted).toContainEqual({
      kind: 'unlisted',
      file: join(root, 'src/app/Planted/index.tsx'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the template as written in the source
      key: 'settings.theme.${theme}',
    });
    expect(unlisted).toContainEqual({
      kind: 'unused',
      file: 'en/app.json',
      key: 'settings.theme.light',
    });
  });

  it('fails on a comment listing a key that no built key in its file can make', async () => {
    const file = join(root, 'src/app/Planted/index.tsx');
    const sources = new Map([
      [file, "export const title = (t) => t('appName');\n// t('settings.theme.light')\n"],
    ]);
    const problems = await checkLocales(sources, copyOfLocales());
    expect(problems).toContainEqual({ kind: 'stale', file, key: 'settings.theme.light' });
  });
});
