import { signal } from '@preact/signals';
import { normaliseSettings, type Settings } from './settings-state';

/** The localStorage key; src/app/boot.js reads the same key before first paint. */
export const SETTINGS_KEY = 'kindly.settings';

function preferredLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

/** Reads the saved settings, falling back to defaults when storage is empty, junk or blocked. */
export function readSettings(): Settings {
  let raw: unknown = null;
  try {
    raw = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null');
  } catch {
    raw = null;
  }
  return normaliseSettings(raw, preferredLanguages());
}

/** Mirrors the settings onto <html> so CSS and assistive technology see them. */
export function applySettingsToDocument(s: Settings, root: HTMLElement = document.documentElement) {
  root.lang = s.lang;
  root.dataset.textSize = s.textSize;
  root.dataset.theme = s.theme;
  root.dataset.motion = s.reduceMotion ? 'reduce' : 'auto';
}

/** The live settings; views read it and call updateSettings to change it. */
export const settings = signal<Settings>(readSettings());

/** Changes some settings, applies them at once and saves them on this device. */
export function updateSettings(change: Partial<Settings>): void {
  const next = normaliseSettings({ ...settings.value, ...change }, preferredLanguages());
  settings.value = next;
  applySettingsToDocument(next);
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(next));
  } catch {
    // Private browsing or a full disk: the choice still applies for this visit.
  }
}
