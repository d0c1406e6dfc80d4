// Spoken guidance while it is on: reads a page on arrival after the person's own navigation,
// reads the errors after Continue, stops on navigation and on typing, and offers the
// "Read this page" and "Stop" controls. Loaded only when guidance is turned on.
import { effect } from '@preact/signals';
import { activeLanguage, translatorFor } from '../core/i18n';
import { guidanceControls, pageScript, type ScriptLine, voiceStatus } from '../core/page-script';
import { type Location, location } from '../core/router';
import { settings } from '../core/settings/settings-store';
import { createSpeaker, defaultVoice, voicesOfLanguage } from './speaker';
import { primedLineRemainingMs } from './speaker-prime';
import { sentencesToSay } from './spoken-text';

/** Waits this long after a page's script last changed before reading it on arrival, so a
 *  page that first shows "Loading…" is read once, with its question. */
const SETTLE_MS = 300;

/** Starts guidance; returns the function that ends it. */
export function startGuidance(): () => void {
  const speaker = createSpeaker();
  if (!speaker) {
    voiceStatus.value = { kind: 'unavailable', reason: 'no-speech' };
    return () => {
      voiceStatus.value = { kind: 'off' };
    };
  }
  let voices: SpeechSynthesisVoice[] = [];
  let pendingRead: Location | null = null;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let seen: { location: Location; attempt: number } | null = null;

  const say = (lines: readonly ScriptLine[]) => {
    const lang = activeLanguage.value;
    if (voices.length === 0) return;
    const { voiceRate, voiceURI } = settings.value;
    const voice = voices.find((v) => v.voiceURI === voiceURI) ?? defaultVoice(voices, lang);
    speaker.speak(sentencesToSay(lines, lang), { lang, rate: voiceRate, voice });
  };
  const errorLines = (errors: readonly string[]) =>
    errors.length > 0
      ? [translatorFor(activeLanguage.value)('journey:errorSummaryTitle'), ...errors]
      : [];
  const readPage = () => {
    const script = pageScript.value;
    if (!script) return;
    const lines = script.lines.filter((line) => line !== script.title);
    say([script.title, ...errorLines(script.errors), ...lines]);
  };
  const stop = () => {
    clearTimeout(settleTimer);
    pendingRead = null;
    speaker.stop();
  };

  const disposers: (() => void)[] = [];
  disposers.push(
    effect(() => {
      const lang = activeLanguage.value;
      let isCurrent = true;
      voiceStatus.value = { kind: 'checking' };
      const update = (all: SpeechSynthesisVoice[]) => {
        if (!isCurrent) return;
        voices = voicesOfLanguage(all, lang);
        voiceStatus.value =
          voices.length === 0
            ? { kind: 'unavailable', reason: 'no-voice' }
            : {
                kind: 'ready',
                voices: voices.map((v) => ({ uri: v.voiceURI, name: v.name, lang: v.lang })),
                defaultURI: defaultVoice(voices, lang)?.voiceURI ?? '',
              };
      };
      speaker.voices().then(update);
      const stopListening = speaker.onVoicesChanged(update);
      return () => {
        isCurrent = false;
        stopListening();
      };
    }),
  );

  let isFirstLocation = true;
  disposers.push(
    effect(() => {
      const here = location.value;
      // The line that confirmed guidance was turned on is still being said at first.
      if (!isFirstLocation) stop();
      isFirstLocation = false;
      pendingRead = here.arrival === 'navigation' ? here : null;
    }),
  );

  disposers.push(
    effect(() => {
      const script = pageScript.value;
      if (!script) return;
      const isNewAttempt = seen?.location === script.location && seen.attempt !== script.attempt;
      seen = { location: script.location, attempt: script.attempt };
      if (pendingRead === script.location) {
        clearTimeout(settleTimer);
        // "Spoken guidance is on", said inside the tap, is heard to its end first.
        settleTimer = setTimeout(
          () => {
            pendingRead = null;
            readPage();
          },
          Math.max(SETTLE_MS, primedLineRemainingMs()),
        );
      } else if (isNewAttempt && script.errors.length > 0) {
        say(errorLines(script.errors));
      }
    }),
  );

  // Speech stops as soon as the person types or picks an answer: their own pace wins.
  const onInput = () => stop();
  document.addEventListener('input', onInput, true);
  disposers.push(() => document.removeEventListener('input', onInput, true));

  guidanceControls.value = { readPage, stop, say: (text) => say([text]) };
  return () => {
    for (const dispose of disposers) dispose();
    stop();
    guidanceControls.value = null;
    voiceStatus.value = { kind: 'off' };
  };
}
