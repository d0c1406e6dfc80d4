// The part of spoken guidance every page carries: what the page would say, and the state the
// controls show. It is tiny on purpose; the speaking itself (guidance.ts, speaker.ts,
// numbers.ts) is loaded only once a person turns guidance on.
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Translate } from './i18n';
import { type Location, location } from './router';

/** A line of a page's script: text from the locales, or a reference to spell out. */
export type ScriptLine = string | { spell: string };

/** What a page says when read aloud, written from its strings (never scraped from the DOM). */
export interface PageScript {
  /** The page's title, read first. */
  title: string;
  /** The question, hint, current answer and figures, in reading order. */
  lines: readonly ScriptLine[];
  /** The error messages the page shows after Continue, read before the lines. */
  errors: readonly string[];
  /** Goes up each time the person presses Continue, so the same errors are read again. */
  attempt: number;
}

/** The script of the page on screen, and the navigation it belongs to. */
export const pageScript = signal<(PageScript & { location: Location }) | null>(null);

/** The speaking device as the controls describe it. */
export type VoiceStatus =
  | { kind: 'off' }
  | { kind: 'checking' }
  | { kind: 'ready'; voices: readonly VoiceChoice[]; defaultURI: string }
  | { kind: 'unavailable'; reason: 'no-speech' | 'no-voice' };

/** A voice of the page's language that Settings offers. */
export interface VoiceChoice {
  uri: string;
  name: string;
  lang: string;
}

/** Whether guidance can speak, and which voices it may use. */
export const voiceStatus = signal<VoiceStatus>({ kind: 'off' });

/** What the "Read this page" and "Stop" controls do, once guidance has loaded. */
export interface GuidanceControls {
  readPage: () => void;
  stop: () => void;
  /** Says one line now (a sample of a new speed or voice). */
  say: (text: string) => void;
}

/** The running guidance, or null while it is off or loading. */
export const guidanceControls = signal<GuidanceControls | null>(null);

/** Registers the page's script for as long as the page is on screen. */
export function useSpeechScript(script: PageScript): void {
  const here = location.value;
  const key = JSON.stringify(script);
  useEffect(() => {
    const entry = { ...(JSON.parse(key) as PageScript), location: here };
    pageScript.value = entry;
    return () => {
      if (pageScript.value === entry) pageScript.value = null;
    };
  }, [key, here]);
}

/** "The choices are: A, B or C." in the page's language, for a question with options. */
export function choicesLine(t: Translate, lang: string, labels: readonly string[]): string {
  const choices = new Intl.ListFormat(lang, { type: 'disjunction' }).format(labels);
  return t('voice:choices', { choices });
}

/** "Your answer: …" when the question has an answer already; nothing when it has not. */
export function answerLines(t: Translate, answer: string | null | undefined): string[] {
  return answer ? [t('voice:answer', { answer })] : [];
}
