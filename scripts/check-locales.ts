// The locale check: i18next-parser, i18next's own extractor, reads every `t('…')` in the app's
// code and builds the locale files the code needs; any difference from the files in locales/
// is a key missing in a language or a key no code uses. `npm test` and `npm run
// check:locales` run it. Keys the code builds at run time (t(`errors.${code}`)) are typed
// by a union (src/core/translation-keys.ts) and spelt out beside the call in
// `// t('…')` comments, which the parser reads; this check also makes sure each such comment
// belongs to a built key in the same file, so a list cannot outlive its call.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform as I18nTransform, type UserConfig } from 'i18next-parser';

/** The languages Kindly ships, as folder names under locales/. */
export const LANGUAGES = ['en', 'zh-CN'] as const;

/** One difference between what the code needs and what a locale file has. */
export interface LocaleProblem {
  kind: 'missing' | 'unused' | 'unlisted' | 'stale';
  /** "en/app.json" for missing or unused keys; the source file for the other two. */
  file: string;
  key: string;
}

const CODE = /\.(ts|tsx)$/;
const TEST = /\.test\.(ts|tsx)$/;

/** Every key path in a nested locale object, dotted ("errors.empty"). */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.slice(0, -1)];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, `${prefix}${k}.`));
}

/** The catalogs i18next-parser makes from the sources, merged with the locale files it finds
 *  in localesDir: "en/app.json" → JSON. Nothing is written: the result stays in memory. */
function extract(
  sources: ReadonlyMap<string, string>,
  localesDir: string,
): Promise<Map<string, unknown>> {
  const config: UserConfig = {
    locales: [...LANGUAGES],
    defaultNamespace: 'app',
    namespaceSeparator: ':',
    keySeparator: '.',
    pluralSeparator: '_',
    output: join(localesDir, '$LOCALE/$NAMESPACE.json'),
    createOldCatalogs: false,
    keepRemoved: false,
    sort: false,
    lexers: { ts: ['JavascriptLexer'], tsx: ['JsxLexer'], default: [] },
  };
  const transform = new I18nTransform(config);
  const made = new Map<string, unknown>();
  return new Promise((done, fail) => {
    transform.on('data', (file: { path: string; contents: Buffer }) => {
      made.set(relative(localesDir, file.path), JSON.parse(file.contents.toString('utf8')));
    });
    transform.on('error', fail);
    transform.on('end', () => done(made));
    for (const [path, text] of sources) {
      transform.write({ path, contents: Buffer.from(text), isBuffer: () => true });
    }
    transform.end();
  });
}

// A key built at run time: t(`ns:errors.${code}`), t(`ns:a.${x}.label`).
const BUILT = /\bt\(\s*`([^`]*)`/g;
// A key spelt out for the parser in a line comment: // t('ns:errors.empty'). (The parser does
// not read comments inside JSX, so lists stay outside it.)
const LISTED = /\/\/.*$/gm;
const LISTED_KEY = /\bt\(\s*'([^']+)'\s*\)/g;

/** A pattern matching every key a template literal could build. */
function patternOf(template: string): RegExp {
  const parts = template.split(/\$\{[^}]*\}/);
  const escaped = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^:]+')}$`);
}

/** Built keys with no listed key to stand for them, and listed keys that no built key in the
 *  same file could make. */
function checkListedKeys(sources: ReadonlyMap<string, string>): LocaleProblem[] {
  const problems: LocaleProblem[] = [];
  for (const [file, text] of sources) {
    const built = [...text.matchAll(BUILT)].map((m) => m[1] as string);
    const listed = [...text.matchAll(LISTED)].flatMap((comment) =>
      [...comment[0].matchAll(LISTED_KEY)].map((m) => m[1] as string),
    );
    for (const template of built) {
      const pattern = patternOf(template);
      if (!listed.some((key) => pattern.test(key))) {
        problems.push({ kind: 'unlisted', file, key: template });
      }
    }
    for (const key of listed) {
      if (!built.some((template) => patternOf(template).test(key))) {
        problems.push({ kind: 'stale', file, key });
      }
    }
  }
  return problems;
}

/** Compares what the code needs (as i18next-parser extracts it) with the locale files. */
export async function checkLocales(
  sources: ReadonlyMap<string, string>,
  localesDir: string,
): Promise<LocaleProblem[]> {
  const locales = readLocales(localesDir);
  const made = await extract(sources, localesDir);
  const problems: LocaleProblem[] = [];
  const files = new Set([...locales.keys(), ...made.keys()]);
  for (const file of [...files].sort()) {
    const have = new Set(locales.has(file) ? keysOf(locales.get(file)) : []);
    const need = new Set(made.has(file) ? keysOf(made.get(file)) : []);
    for (const key of need) if (!have.has(key)) problems.push({ kind: 'missing', file, key });
    for (const key of have) if (!need.has(key)) problems.push({ kind: 'unused', file, key });
  }
  return [...problems, ...checkListedKeys(sources)];
}

/** The app's code under src/ (not its tests, not the server or service worker, which show no
 *  strings), as path → text. */
export function readSources(srcDir: string): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (!['server', 'sw'].includes(relative(srcDir, path))) walk(path);
      } else if (CODE.test(name) && !TEST.test(name)) {
        sources.set(path, readFileSync(path, 'utf8'));
      }
    }
  };
  walk(srcDir);
  return sources;
}

/** Every locale file under locales/, as "en/app.json" → JSON. */
function readLocales(localesDir: string): Map<string, unknown> {
  const files = new Map<string, unknown>();
  for (const lang of readdirSync(localesDir)) {
    for (const name of readdirSync(join(localesDir, lang))) {
      if (!name.endsWith('.json')) continue;
      files.set(`${lang}/${name}`, JSON.parse(readFileSync(join(localesDir, lang, name), 'utf8')));
    }
  }
  return files;
}

const SAYS: Record<LocaleProblem['kind'], string> = {
  missing: 'is used by the code but missing from',
  unused: 'is used by no code, yet is in',
  unlisted: "is built at run time with no `// t('…')` comment listing its keys, in",
  stale: 'is listed in a comment but no key built in the same file can make it, in',
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(import.meta.dirname, '..');
  const problems = await checkLocales(readSources(join(root, 'src')), join(root, 'locales'));
  for (const p of problems) {
    const where =
      p.kind === 'missing' || p.kind === 'unused' ? `locales/${p.file}` : relative(root, p.file);
    console.error(`${p.key} ${SAYS[p.kind]} ${where}`);
  }
  console.log(
    problems.length === 0
      ? 'Locales: every key the code uses is in every language, and every key is used.'
      : `Locales: ${problems.length} problem(s) (i18next-parser; see scripts/check-locales.ts).`,
  );
  process.exit(problems.length === 0 ? 0 : 1);
}
