/** The languages Kindly speaks; every string exists in each. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
/** A language Kindly speaks. */
export type Language = (typeof LANGUAGES)[number];
/** Text size as a percentage of the 20 px base. */
export const TEXT_SIZES = ['100', '150', '200'] as const;
/** One of the offered text sizes. */
export type TextSize = (typeof TEXT_SIZES)[number];
/** "auto" follows the operating system's colour scheme and contrast preference. */
export const THEMES = ['auto', 'light', 'dark', 'contrast'] as const;
/** One of the offered themes. */
export type Theme = (typeof THEMES)[number];

/** What a person chose on this device; applied before first paint by public/boot.js. */
export interface Settings {
  lang: Language;
  textSize: TextSize;
  theme: Theme;
  reduceMotion: boolean;
  /** Privacy mode: amounts and personal details blurred on screen until tapped. */
  privacy: boolean;
}

/** Picks the language to start in from the browser's preferences. */
export function languageFromPreferences(preferred: readonly string[]): Language {
  return /^zh/i.test(preferred[0] ?? '') ? 'zh-CN' : 'en';
}

/** The settings of a device nobody has configured yet. */
export function defaultSettings(preferred: readonly string[] = []): Settings {
  return {
    lang: languageFromPreferences(preferred),
    textSize: '100',
    theme: 'auto',
    reduceMotion: false,
    privacy: false,
  };
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Turns whatever was stored (possibly nothing, possibly junk) into valid settings. */
export function normaliseSettings(raw: unknown, preferred: readonly string[] = []): Settings {
  const base = defaultSettings(preferred);
  if (typeof raw !== 'object' || raw === null) return base;
  const r = raw as Record<string, unknown>;
  return {
    lang: oneOf(LANGUAGES, r.lang, base.lang),
    textSize: oneOf(TEXT_SIZES, String(r.textSize), base.textSize),
    theme: oneOf(THEMES, r.theme, base.theme),
    reduceMotion: r.reduceMotion === true,
    privacy: r.privacy === true,
  };
}
