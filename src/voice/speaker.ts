// The bridge to the Web Speech API: the only module that speaks (besides speaker-prime.ts,
// which must run synchronously inside a tap before this module has loaded).
import type { Language } from '../core/settings/settings-state';
import { expectedDurationMs } from './speaker-prime';

/** How long to wait for voices before saying there are none. Chrome loads them after the
 *  first getVoices() call (espeak-ng through speech-dispatcher took about 2 s here); some
 *  browsers never fire voiceschanged at all. */
const VOICE_WAIT_MS = 5000;

/** Options for one reading. */
export interface SpeakOptions {
  lang: Language;
  rate: number;
  voice: SpeechSynthesisVoice | null;
}

/** Speech synthesis as guidance uses it. */
export interface Speaker {
  /** The device's voices, waiting for them to arrive (they may never). */
  voices: () => Promise<SpeechSynthesisVoice[]>;
  /** Calls back whenever the device's voices change; returns a function that stops it. */
  onVoicesChanged: (listener: (voices: SpeechSynthesisVoice[]) => void) => () => void;
  /** Reads sentences one after another, replacing anything being read. */
  speak: (sentences: readonly string[], options: SpeakOptions) => void;
  /** Stops reading at once. */
  stop: () => void;
}

/** Whether a voice speaks the page's language: any English for "en"; Mandarin in
 *  simplified Chinese for "zh-CN" (a Cantonese zh-HK voice would misread the page). */
export function speaksLanguage(voiceLang: string, lang: Language): boolean {
  const v = voiceLang.replace(/_/g, '-').toLowerCase();
  if (lang === 'en') return v === 'en' || v.startsWith('en-');
  return (
    v === 'zh' || v === 'zh-cn' || v.startsWith('zh-hans') || v === 'cmn' || v.startsWith('cmn-')
  );
}

/** The voices that speak the page's language, local ones first (they work offline). */
export function voicesOfLanguage<V extends Pick<SpeechSynthesisVoice, 'lang' | 'localService'>>(
  voices: readonly V[],
  lang: Language,
): V[] {
  return voices
    .filter((v) => speaksLanguage(v.lang, lang))
    .sort((a, b) => Number(b.localService) - Number(a.localService));
}

/** The voice to use when the person has not chosen one: the device's default if it speaks
 *  the language, else one for the exact locale (en-GB or en-US; zh-CN), else the first. */
export function defaultVoice<V extends Pick<SpeechSynthesisVoice, 'lang' | 'default'>>(
  voices: readonly V[],
  lang: Language,
): V | null {
  const exact = lang === 'en' ? /^en[-_](GB|US)$/i : /^zh[-_]CN$/i;
  return (
    voices.find((v) => v.default) ?? voices.find((v) => exact.test(v.lang)) ?? voices[0] ?? null
  );
}

/** The device's speech synthesis, or null where there is none (Android WebView, old browsers). */
export function createSpeaker(): Speaker | null {
  const synth = typeof window === 'undefined' ? undefined : window.speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return null;
  let generation = 0;
  const stop = () => {
    generation++;
    synth.cancel();
  };
  return {
    voices: () => {
      const now = synth.getVoices();
      if (now.length > 0) return Promise.resolve(now);
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          synth.removeEventListener('voiceschanged', onChange);
          resolve(synth.getVoices());
        };
        const onChange = () => {
          if (synth.getVoices().length > 0) done();
        };
        const timer = setTimeout(done, VOICE_WAIT_MS);
        synth.addEventListener('voiceschanged', onChange);
      });
    },
    onVoicesChanged: (listener) => {
      const onChange = () => listener(synth.getVoices());
      synth.addEventListener('voiceschanged', onChange);
      return () => synth.removeEventListener('voiceschanged', onChange);
    },
    speak: (sentences, { lang, rate, voice }) => {
      const current = ++generation;
      const sayFrom = (index: number) => {
        const text = sentences[index];
        if (current !== generation || text === undefined) return;
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = voice?.lang ?? lang;
        utterance.rate = rate;
        if (voice) utterance.voice = voice;
        let isDone = false;
        const next = () => {
          if (isDone) return;
          isDone = true;
          clearTimeout(timer);
          sayFrom(index + 1);
        };
        utterance.onend = next;
        utterance.onerror = next;
        const timer = setTimeout(next, expectedDurationMs(text, lang, rate));
        // Chrome stops an utterance after about 15 s and can then stay silent until
        // cancel(), so each sentence is its own utterance and the queue is cleared first.
        synth.cancel();
        synth.speak(utterance);
      };
      sayFrom(0);
    },
    stop,
  };
}
