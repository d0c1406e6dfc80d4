import type { ScriptLine } from '../core/page-script';
import type { Language } from '../core/settings/settings-state';
import { createSpeaker, defaultVoice, voicesOfLanguage } from './speaker';
import { sentencesToSay } from './spoken-text';

/** Says some lines once, outside spoken guidance: for a confirmation that must be heard even
 *  though guidance itself was just turned off (End session resets the settings). Silent
 *  where the device has no voice for the language. */
export async function speakOnce(
  lines: readonly ScriptLine[],
  options: { lang: Language; rate: number; uri: string },
): Promise<void> {
  const speaker = createSpeaker();
  if (!speaker) return;
  const voices = voicesOfLanguage(await speaker.voices(), options.lang);
  if (voices.length === 0) return;
  const voice =
    voices.find((v) => v.voiceURI === options.uri) ?? defaultVoice(voices, options.lang);
  speaker.speak(sentencesToSay(lines, options.lang), {
    lang: options.lang,
    rate: options.rate,
    voice: voice ?? null,
  });
}
