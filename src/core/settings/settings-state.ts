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

/** What a person chose on this device; applied before first paint by src/app/boot.js. */
export interface Settings {
  lang: Language;
  textSize: TextSize;
  theme: Theme;
  reduceMotion: boolean;
  /** Privacy mode: amounts and personal details blurred on screen until tapped. */
  privacy: boolean;
  /** Spoken guidance: each page read aloud by the device's own voice. Off unless chosen. */
  voiceGuidance: boolean;
  /** How fast the voice speaks, from 0.6 to 1.4 times its normal rate. */
  voiceRate: number;
  /** The chosen voice's URI, or '' for the device's usual voice for the page's language. */
  voiceURI: string;
}

/** The speeds offered for spoken guidance; slower than normal by default, for patient pacing. */
export const VOICE_RATES = [0.6, 0.75, 0.85, 1, 1.2, 1.4] as const;
/** The speed spoken guidance starts at. */
export const DEFAULT_VOICE_RATE = 0.85;

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
    voiceGuidance: false,
    voiceRate: DEFAULT_VOICE_RATE,
    voiceURI: '',
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
    voiceGuidance: r.voiceGuidance === true,
    voiceRate:
      typeof r.voiceRate === 'number' && r.voiceRate >= 0.6 && r.voiceRate <= 1.4
        ? r.voiceRate
        : base.voiceRate,
    voiceURI: typeof r.voiceURI === 'string' ? r.voiceURI.slice(0, 500) : base.voiceURI,
  };
}
