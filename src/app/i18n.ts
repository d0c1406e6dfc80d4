import { signal } from '@preact/signals';
import i18next from 'i18next';
import type { Language } from './settings/settings-state';
import { settings, updateSettings } from './settings/settings-store';

type Bundle = Record<string, unknown>;

// One chunk per language and namespace, so a person downloads only their own language.
const loaders = import.meta.glob<Bundle>('../../locales/*/*.json', { import: 'default' });

/** The namespace of a locale file is its name: locales/en/amount.json is "amount". */
function namespacesOf(lang: Language): { ns: string; path: string }[] {
  const prefix = `../../locales/${lang}/`;
  return Object.keys(loaders)
    .filter((path) => path.startsWith(prefix))
    .map((path) => ({ ns: path.slice(prefix.length, -'.json'.length), path }));
}

const loaded = new Set<string>();

/** The i18next instance Kindly uses; created synchronously, resources added per language. */
export const i18n = i18next.createInstance();
i18n.init({
  initAsync: false,
  lng: 'en',
  fallbackLng: false,
  ns: ['app'],
  defaultNS: 'app',
  resources: {},
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Fetches a language's strings once; resolves when they can be used. */
export async function loadLanguage(lang: Language): Promise<void> {
  if (loaded.has(lang)) return;
  await Promise.all(
    namespacesOf(lang).map(async ({ ns, path }) => {
      const load = loaders[path];
      if (load) i18n.addResourceBundle(lang, ns, await load(), true, true);
    }),
  );
  loaded.add(lang);
}

/** The language on screen: it changes only once the new language's strings have loaded. */
export const activeLanguage = signal<Language>(settings.value.lang);

/** Loads the saved language's strings; the app renders after this resolves. */
export async function startI18n(): Promise<void> {
  await loadLanguage(settings.value.lang);
  activeLanguage.value = settings.value.lang;
}

/** Switches language: loads its strings, saves the choice, then re-renders in it. */
export async function chooseLanguage(lang: Language): Promise<void> {
  await loadLanguage(lang);
  updateSettings({ lang });
  activeLanguage.value = lang;
}

/** Looks up a string by "namespace:key" and fills in its {{placeholders}}. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Translation for the active language; components re-render when the language changes. */
export function useT(): { t: Translate; lang: Language } {
  const lang = activeLanguage.value;
  return { t: i18n.getFixedT(lang) as unknown as Translate, lang };
}
