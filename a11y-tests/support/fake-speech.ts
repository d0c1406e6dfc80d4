// A speechSynthesis of the tests' own, put in place before the app's scripts run: it records
// what the app asks it to say and ends each utterance when told to, as a device's voice would.
import type { Page } from '@playwright/test';

/** A voice the fake device has. */
export interface FakeVoice {
  name: string;
  lang: string;
  voiceURI: string;
  default?: boolean;
}

/** One thing the fake speechSynthesis did, with the utterance it did it to and when (ms since
 *  the page's start). A cancel with nothing speaking has no text. */
export interface SpeechEvent {
  type: 'speak' | 'cancel' | 'end';
  text?: string;
  lang?: string;
  rate?: number;
  voice?: string | null;
  at: number;
}

/** How the fake device speaks. */
export interface FakeSpeechOptions {
  /** The voices the device has; none means guidance must say it is unavailable. */
  voices: FakeVoice[];
  /** How long each utterance takes: `ms` plus `msPerCharacter` for each character of it; null
   *  when it speaks until cancelled. */
  duration: { ms: number; msPerCharacter: number } | null;
  /** No speech synthesis at all, as in Android WebView. */
  isMissing?: boolean;
}

/** Replaces speechSynthesis on every page `page` loads; `speechLog` reads what it did. */
export async function fakeSpeech(page: Page, options: FakeSpeechOptions): Promise<void> {
  await page.addInitScript(
    ({ voices, duration, isMissing }) => {
      if (isMissing) {
        delete (window as { speechSynthesis?: unknown }).speechSynthesis;
        Object.defineProperty(window, 'speechSynthesis', { value: undefined });
        return;
      }
      const log: unknown[] = [];
      (window as unknown as { __speech: unknown[] }).__speech = log;
      let current: FakeUtterance | null = null;
      let timer: ReturnType<typeof setTimeout> | undefined;
      class FakeUtterance extends EventTarget {
        text: string;
        lang = '';
        rate = 1;
        pitch = 1;
        volume = 1;
        voice: { name: string } | null = null;
        onend: ((e: Event) => void) | null = null;
        onerror: ((e: Event) => void) | null = null;
        onstart: ((e: Event) => void) | null = null;
        constructor(text = '') {
          super();
          this.text = text;
        }
      }
      const record = (type: string, u: FakeUtterance | null) =>
        log.push({
          type,
          text: u?.text,
          lang: u?.lang,
          rate: u?.rate,
          voice: u ? (u.voice?.name ?? null) : undefined,
          at: performance.now(),
        });
      const events = new EventTarget();
      const synth = {
        speaking: false,
        pending: false,
        paused: false,
        onvoiceschanged: null,
        getVoices: () => voices.map((v) => ({ localService: true, default: false, ...v })),
        speak(u: FakeUtterance) {
          record('speak', u);
          current = u;
          if (!duration) return;
          timer = setTimeout(
            () => {
              if (current !== u) return;
              current = null;
              record('end', u);
              u.onend?.(new Event('end'));
            },
            duration.ms + u.text.length * duration.msPerCharacter,
          );
        },
        cancel() {
          const u = current;
          current = null;
          clearTimeout(timer);
          record('cancel', u);
          u?.onerror?.(new Event('error'));
        },
        pause() {},
        resume() {},
        addEventListener: events.addEventListener.bind(events),
        removeEventListener: events.removeEventListener.bind(events),
        dispatchEvent: events.dispatchEvent.bind(events),
      };
      Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', {
        value: FakeUtterance,
        configurable: true,
      });
    },
    { voices: options.voices, duration: options.duration, isMissing: !!options.isMissing },
  );
}

/** Everything the fake speechSynthesis did on the page so far, in order. */
export async function speechLog(page: Page): Promise<SpeechEvent[]> {
  return page.evaluate(() => (window as unknown as { __speech: SpeechEvent[] }).__speech);
}
