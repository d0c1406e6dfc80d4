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
  synth.cancel();
  synth.speak(utterance);
  return true;
}

/** Whether this browser has speech synthesis at all (Android WebView does not). */
export function hasSpeechSynthesis(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && !!window.speechSynthesis;
}
