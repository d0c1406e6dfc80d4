// Kindly's own translator, in place of the i18next runtime (docs/decisions/translator.md):
// "namespace:key" lookups in the nested locale files, {{placeholder}} filling, and
// plurals chosen by Intl.PluralRules from keys suffixed "_one", "_other" (any CLDR category).
// Strings load per language, the first page's namespaces first (first-page.ts).
import { signal } from '@preact/signals';
import { FIRST_PAGE_NAMESPACES } from './first-page';
import type { Language } from './settings/settings-state';
import { settings, updateSettings } from './settings/settings-store';
import type { TranslationKey } from './translation-keys';

export type { TranslationKey } from './translation-keys';

/** The strings of one locale file: nested objects whose leaves are text. */
export interface Strings {
  readonly [key: string]: string | Strings;
}

/** What a lookup may carry: `count` picks the plural form, `defaultValue` stands in for a
 *  missing key, and every other entry fills the {{placeholder}} of the same name. */
export interface TranslateOptions {
  count?: number;
  defaultValue?: string;
  readonly [name: string]: unknown;
}

/** Looks up a string by "namespace:key" (no namespace means "app") and fills its
 *  {{placeholders}}. A missing key gives `defaultValue`, or else the key itself, so a gap
 *  shows on screen and in tests instead of an empty space. In development and test builds a
 *  placeholder with no value, or a count whose plural form the language's file lacks, is
 *  also reported with console.warn; production builds leave the warnings out. */
export type Translate<Key extends string = TranslationKey> = (
  key: Key,
  options?: TranslateOptions,
) => string;

/** The namespace used when a key names none. */
export const DEFAULT_NAMESPACE = 'app';

function find(strings: Strings | undefined, path: string): string | undefined {
  let node: string | Strings | undefined = strings;
  for (const part of path.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** A translator for one language over namespaces read at each call (so namespaces loaded
 *  later are found). Values are inserted as text, unescaped: Preact escapes what it renders. */
export function createTranslator<Key extends string = TranslationKey>(
  lang: string,
  namespace: (name: string) => Strings | undefined,
): Translate<Key> {
  const plurals = new Intl.PluralRules(lang);
  return (key, options = {}) => {
    const colon = key.indexOf(':');
    const strings = namespace(colon >= 0 ? key.slice(0, colon) : DEFAULT_NAMESPACE);
    const path = colon >= 0 ? key.slice(colon + 1) : key;
    const { count } = options;
    const form = typeof count === 'number' ? `${path}_${plurals.select(count)}` : undefined;
    const plural = form === undefined ? undefined : find(strings, form);
    const text =
      plural ??
      (form === undefined ? undefined : find(strings, `${path}_other`)) ??
      find(strings, path) ??
      options.defaultValue;
    if (text === undefined) return key;
    if (import.meta.env.DEV && form !== undefined && plural === undefined) {
      console.warn(`i18n: "${key}" has no plural form "${form}" for ${lang}`);
    }
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) => {
      if (name in options) return String(options[name]);
      if (import.meta.env.DEV) console.warn(`i18n: no value for ${placeholder} in "${key}"`);
      return placeholder;
    });
  };
}

// Every locale file as a loader; vite.config.ts bundles them into one chunk per language for
// the first page's namespaces and one for the rest (first-page.ts).
const loaders = import.meta.glob<Strings>('../../locales/*/*.json', { import: 'default' });
const LOCALES = '../../locales/';

/** The strings loaded so far: language → namespace → strings. */
const loaded = new Map<string, Map<string, Strings>>();
const translators = new Map<string, Translate>();
// Whether some page has asked for every namespace; a language chosen later then loads them all.
let isEveryNamespaceWanted = false;

function namespacesOf(lang: Language): string[] {
  const prefix = `${LOCALES}${lang}/`;
  return Object.keys(loaders)
    .filter((path) => path.startsWith(prefix))
    .map((path) => path.slice(prefix.length, -'.json'.length));
}

async function loadNamespaces(lang: Language, names: readonly string[]): Promise<void> {
  let strings = loaded.get(lang);
  if (!strings) {
    strings = new Map();
    loaded.set(lang, strings);
  }
  const target = strings;
  await Promise.all(
    names
      .filter((ns) => !target.has(ns))
      .map(async (ns) => {
        const load = loaders[`${LOCALES}${lang}/${ns}.json`];
        if (load) target.set(ns, await load());
      }),
  );
}

function wantedNamespaces(lang: Language): readonly string[] {
  return isEveryNamespaceWanted ? namespacesOf(lang) : FIRST_PAGE_NAMESPACES;
}

/** The translator for a language (the same function each time, so it can be an effect's
 *  dependency); it finds whatever has been loaded for that language. */
export function translatorFor(lang: Language): Translate {
  let t = translators.get(lang);
  if (!t) {
    t = createTranslator(lang, (ns) => loaded.get(lang)?.get(ns));
    translators.set(lang, t);
  }
  return t;
}

/** The language on screen: it changes only once the new language's strings have loaded. */
export const activeLanguage = signal<Language>(settings.value.lang);

/** Loads the strings the shell and Welcome need in the saved language; the app renders after
 *  this resolves. */
export async function startI18n(): Promise<void> {
  await loadNamespaces(settings.value.lang, FIRST_PAGE_NAMESPACES);
  activeLanguage.value = settings.value.lang;
}

/** Loads every page's strings in the language on screen (and, from now on, in any language
 *  chosen); pages outside the first one await this before they render. A page showing text
 *  in another language too (the back office shows the applicant's words in both) names it,
 *  and reads it with translatorFor. */
export function loadAllStrings(lang: Language = activeLanguage.value): Promise<void> {
  isEveryNamespaceWanted = true;
  return loadNamespaces(lang, namespacesOf(lang));
}

/** Switches language: loads its strings, saves the choice, then re-renders in it. */
export async function chooseLanguage(lang: Language): Promise<void> {
  await loadNamespaces(lang, wantedNamespaces(lang));
  updateSettings({ lang });
  activeLanguage.value = lang;
}

/** Translation for the active language; components re-render when the language changes. */
export function useT(): { t: Translate; lang: Language } {
  const lang = activeLanguage.value;
  return { t: translatorFor(lang), lang };
}
