import { signal } from '@preact/signals';
import i18next, { type TFunction } from 'i18next';
import type { Language } from './settings/settings-state';
import { settings, updateSettings } from './settings/settings-store';

type Bundle = Record<string, unknown>;

// One chunk per language and namespace, so a person downloads only their own language.
const loaders = import.meta.glob<Bundle>('../../locales/*/*.json', { import: 'default' });

/** The namespaces every page may use. */
export const NAMESPACES = ['app'] as const;

const loaded = new Set<string>();

/** The i18next instance Kindly uses; created synchronously, resources added per language. */
export const i18n = i18next.createInstance();
i18n.init({
  initAsync: false,
  lng: 'en',
  fallbackLng: false,
  ns: [...NAMESPACES],
  defaultNS: 'app',
  resources: {},
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Fetches a language's strings once; resolves when they can be used. */
export async function loadLanguage(lang: Language): Promise<void> {
  if (loaded.has(lang)) return;
  await Promise.all(
    NAMESPACES.map(async (ns) => {
      const load = loaders[`../../locales/${lang}/${ns}.json`];
      if (!load) throw new Error(`Missing locale file locales/${lang}/${ns}.json`);
      i18n.addResourceBundle(lang, ns, await load(), true, true);
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

/** Translation for the active language; components re-render when the language changes. */
export function useT(): { t: TFunction; lang: Language } {
  const lang = activeLanguage.value;
  return { t: i18n.getFixedT(lang), lang };
}
