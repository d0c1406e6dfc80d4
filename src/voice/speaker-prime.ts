/** A generous guess at how long a sentence takes, for devices that never say when an
 *  utterance ended (espeak-ng without an audio device). */
export function expectedDurationMs(text: string, lang: string, rate: number): number {
  const perCharacter = lang === 'zh-CN' ? 350 : 90;
  return (1500 + text.length * perCharacter) / rate;
}

// Until when the line said inside the tap may still be speaking; guidance waits for it.
let primedUntil = 0;

/** Speaks a first line straight away, inside the tap that turns guidance on: iOS Safari
 *  speaks only from a user gesture, and the speaker module is not loaded yet at that moment,
 *  so this one call to speechSynthesis lives outside speaker.ts. Returns false when the
 *  browser has no speech synthesis at all. */
export function primeSpeech(text: string, lang: string, rate: number): boolean {
  const synth = typeof window === 'undefined' ? undefined : window.speechSynthesis;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return false;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang;
  utterance.rate = rate;
  const until = Date.now() + expectedDurationMs(text, lang, rate);
  const done = () => {
    if (primedUntil === until) primedUntil = 0;
  };
  utterance.onend = done;
  utterance.onerror = done;
  primedUntil = until;
  synth.cancel();
  synth.speak(utterance);
  return true;
}

/** Whether this browser has speech synthesis at all (Android WebView does not). */
export function hasSpeechSynthesis(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && !!window.speechSynthesis;
}

/** How long the line primeSpeech said may go on speaking, in ms; 0 once it has ended. */
export function primedLineRemainingMs(): number {
  return Math.max(0, primedUntil - Date.now());
}
