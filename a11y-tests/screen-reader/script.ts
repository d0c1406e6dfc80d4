import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { type Desktop, settle } from './desktop';
import { sleep } from './processes';
import type { Utterance } from './speech';

/** The languages Kindly is written in. */
export type Lang = 'en' | 'zh-CN';

/** What the transcript calls each language. */
export const languageNames: Record<Lang, string> = { en: 'English', 'zh-CN': 'Chinese' };

/** Something Orca must (or must not) say: Orca's own words as a string, or Kindly's words in
 *  the page's language from `t()`. */
export type Phrase = string | ((lang: Lang) => string);

/** What Orca's speech is checked for after a step. A phrase matches anywhere in what Orca said,
 *  across utterances, ignoring differences in spacing and full stops. */
export interface Expect {
  /** Each of these is said. */
  says?: Phrase[];
  /** Each of these is said exactly once: live announcements must not repeat. */
  once?: Phrase[];
  /** None of these is said. */
  never?: Phrase[];
  /** How long to wait for every expected phrase when longer than usual (the card reader
   *  getting ready and reading). */
  waitMs?: number;
  /** Known gaps: what Orca should say but does not yet, and why. They are reported, not
   *  failed; once Orca says one, the run fails so that it moves to `says` (unless the gap is
   *  a race that Orca wins only `sometimes`). */
  gaps?: { says: Phrase[]; why: string; sometimes?: boolean };
}

/** One thing a person does on a page: keys pressed one after another, then what Orca says. */
export interface Step extends Expect {
  /** In words, for the transcript: "Tab into the Language group". */
  does: string;
  /** xdotool key names: Tab, shift+Tab, space, Return, Right, Down, h. */
  keys: string[];
  /** Cuts or restores the connection to the server before the keys are pressed. */
  network?: 'cut' | 'restore';
  /** The file (a path) that answers the file chooser the keys open, as if picked in it. */
  choosesFile?: string;
  /** Presses `keys` again until Orca says `says` (at most `max` times), as a person arrows
   *  along a line until they hear what they want. The transcript adds `says` to `does`. */
  until?: { says: Phrase; max: number };
  /** The step's last key leaves the page (it must be the visit's last step): what Orca says
   *  after that key is the next visit's arrival, and this step's checks cover its other keys. */
  leaves?: boolean;
}

/** A page as a screen-reader user meets it, from arrival to the step that leaves it. */
export interface Visit {
  /** The page's name in the transcript. */
  page: string;
  lang: Lang;
  /** How the page was reached, for the transcript: "page load", "Kindly link in the header". */
  reached: string;
  /** Checked against what Orca says as the page arrives, before any key is pressed on it. */
  arrival: Expect;
  steps: Step[];
}

const bundles = new Map<string, Record<string, unknown>>();

function lookup(lang: Lang, ns: string, key: string): string {
  const file = `locales/${lang}/${ns}.json`;
  let bundle = bundles.get(file);
  if (!bundle) {
    bundle = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    bundles.set(file, bundle);
  }
  const value = key.split('.').reduce<unknown>((node, part) => {
    return node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }, bundle);
  if (typeof value !== 'string') throw new Error(`No string "${key}" in ${file}`);
  return value;
}

/** A phrase in a language. */
export const phraseIn = (phrase: Phrase, lang: Lang) =>
  typeof phrase === 'string' ? phrase : phrase(lang);

/** Kindly's own words, from locales/<lang>/<namespace>.json: t('welcome.title'),
 *  t('amount:title'), t('page.title', { title: t('settings.title'), appName: 'Kindly' }). */
export function t(id: string, vars: Record<string, Phrase> = {}): (lang: Lang) => string {
  const [ns, key] = id.includes(':') ? (id.split(':') as [string, string]) : ['app', id];
  return (lang) =>
    lookup(lang, ns, key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const value = vars[name];
      if (value === undefined) throw new Error(`t('${id}'): no value for {{${name}}}`);
      return phraseIn(value, lang);
    });
}

/** Several phrases spoken one after another: words(t('help.button'), 'collapsed push button'). */
export function words(...parts: Phrase[]): Phrase {
  return (lang) => parts.map((part) => phraseIn(part, lang)).join(' ');
}

/** What one step pressed and what Orca said after it. */
export interface StepRecord {
  does: string;
  keys: string[];
  spoken: string[];
  failures: string[];
  /** Known gaps Orca left open: what it did not say, and why. */
  gaps: { text: string; why: string }[];
  /** The last key left the page: what Orca said after it is the next visit's arrival. */
  leaves?: boolean;
  /** Where the step's part of Orca's debug log begins and ends (bytes). */
  log?: { from: number; to: number };
}

/** One visit's transcript. */
export interface VisitRecord {
  page: string;
  lang: Lang;
  reached: string;
  steps: StepRecord[];
  seconds: number;
}

// Orca ends most utterances with a full stop ("English." "selected radio button"), so full
// stops before a space or the end are ignored, in what Orca says and in the phrases alike.
// A link to a page in the browser's history is a "visited link", and whether Chromium has
// marked it so yet depends on how soon its history was written (on a busy machine, sooner);
// both count as the link.
const normalise = (text: string) =>
  text
    .replace(/\bvisited link\b/g, 'link')
    .replace(/\.(?=\s|$)/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function occurrences(haystack: string, needle: string): number {
  if (!needle) throw new Error('An empty phrase matches everywhere: check journey.ts');
  let count = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) {
    count++;
  }
  return count;
}

/** The known gaps of `expect` that Orca left open. */
export function openGaps(expect: Expect, lang: Lang, spoken: string[]): StepRecord['gaps'] {
  const said = normalise(spoken.join(' '));
  const gaps = expect.gaps;
  if (!gaps) return [];
  return gaps.says
    .map((phrase) => phraseIn(phrase, lang))
    .filter((text) => !said.includes(normalise(text)))
    .map((text) => ({ text, why: gaps.why }));
}

/** The ways what Orca said falls short of `expect`; empty when it passes. */
export function check(expect: Expect, lang: Lang, spoken: string[]): string[] {
  const said = normalise(spoken.join(' '));
  const failures: string[] = [];
  const each = (phrases: Phrase[] | undefined, fails: (count: number) => string | null) => {
    for (const phrase of phrases ?? []) {
      const text = phraseIn(phrase, lang);
      const failure = fails(occurrences(said, normalise(text)));
      if (failure) failures.push(failure.replace('%', `“${text}”`));
    }
  };
  each(expect.says, (n) => (n === 0 ? 'Orca did not say %' : null));
  each(expect.once, (n) => (n === 1 ? null : `Orca said % ${n} times, not once`));
  each(expect.never, (n) => (n > 0 ? 'Orca said %, and should not' : null));
  if (!expect.gaps?.sometimes) {
    each(expect.gaps?.says, (n) =>
      n > 0 ? 'Orca now says %: this known gap is closed, so move it to `says`' : null,
    );
  }
  return failures;
}

/** How long to wait for speech. Speech to the null audio device finishes at once, so these
 *  bound how long Chromium and Orca take to react, not how long speaking takes. */
const timing = {
  /** Longest wait for the first word after a key. */
  firstWordMs: 1500,
  /** Orca has finished reacting to a key once it has been quiet this long. */
  quietMs: 250,
  /** …and to typed text once it has been quiet this long. */
  typedQuietMs: 700,
  /** Longest wait for every expected phrase. */
  expectMs: 8000,
  /** Quiet needed before counting a live announcement: a repeat would come within this. */
  repeatWindowMs: 1500,
  /** A page that has just arrived may still be loading; Orca reports that late. */
  arrivalQuietMs: 1000,
};

/** How much longer than on an idle machine Orca may take between the words it says for one
 *  key: on a machine whose cores are busy several times over (other test runs beside this
 *  one), its words for one Tab came more than `quietMs` apart, and the walk pressed again
 *  too soon (past a Continue button, into the browser's toolbar). At most 3 times. */
function slowness(): number {
  return Math.min(3, Math.max(1, loadavg()[0] / cpus().length));
}

async function awaitSpeech(
  desktop: Desktop,
  from: number,
  expect: Expect,
  lang: Lang,
  quietMs: number,
) {
  const spoken = () => texts(desktop.speech.since(from));
  const deadline = Date.now() + (expect.waitMs ?? timing.expectMs);
  const wanted: Expect = { says: [...(expect.says ?? []), ...(expect.once ?? [])] };
  while (check(wanted, lang, spoken()).length > 0 && Date.now() < deadline) await sleep(50);
  const quiet = (expect.once?.length ? timing.repeatWindowMs : quietMs) * slowness();
  await settle(desktop.speech, quiet, timing.expectMs);
  return spoken();
}

const texts = (utterances: Utterance[]) => utterances.map((u) => u.text);

// Orca echoes the keys pressed ("tab", "left shift", "space", "return", "h") before it
// presents what they did, which can come a few hundred ms later on a busy machine.
const echoesOf = (key: string) =>
  key
    .toLowerCase()
    .split('+')
    .map((part) => (part === 'shift' ? 'left shift' : part));

async function pressAndSettle(desktop: Desktop, key: string): Promise<void> {
  const before = desktop.speech.read();
  const echoes = echoesOf(key);
  await desktop.press(key);
  const slow = slowness();
  const deadline = Date.now() + timing.firstWordMs * slow;
  const hasEffect = () => desktop.speech.since(before).some((u) => !echoes.includes(u.text));
  while (!hasEffect() && Date.now() < deadline) await sleep(25);
  // Orca echoes typed characters one by one, and lags behind a quick typist.
  await settle(
    desktop.speech,
    (key.startsWith('type:') ? timing.typedQuietMs : timing.quietMs) * slow,
    5000,
  );
}

/** Plays one visit: checks its arrival, then each step. Returns its record; `mark` is where
 *  the visit's speech begins, and the result's `next` is where the next visit's begins. */
export async function playVisit(
  desktop: Desktop,
  visit: Visit,
  mark: number,
): Promise<{ record: VisitRecord; next: number }> {
  const started = Date.now();
  const record: VisitRecord = {
    page: visit.page,
    lang: visit.lang,
    reached: visit.reached,
    steps: [],
    seconds: 0,
  };
  const arrival = await awaitSpeech(
    desktop,
    mark,
    visit.arrival,
    visit.lang,
    timing.arrivalQuietMs,
  );
  record.steps.push({
    does: `arrives (${visit.reached})`,
    keys: [],
    spoken: arrival,
    failures: check(visit.arrival, visit.lang, arrival),
    gaps: openGaps(visit.arrival, visit.lang, arrival),
  });
  let next = desktop.speech.read();
  for (const [index, step] of visit.steps.entries()) {
    const from = desktop.speech.read();
    const logFrom = desktop.speech.offset;
    const isLeaving = step.leaves === true;
    if (isLeaving && (index !== visit.steps.length - 1 || step.until)) {
      throw new Error(`${visit.page}: “${step.does}” leaves the page but is not its last step`);
    }
    const pressed: string[] = [];
    const failures: string[] = [];
    if (step.network) desktop.network[step.network]();
    if (step.choosesFile) await desktop.answerFileChooser(step.choosesFile);
    if (step.until) {
      const { says, max } = step.until;
      const heard = () =>
        check({ says: [says] }, visit.lang, texts(desktop.speech.since(from))).length === 0;
      do {
        for (const key of step.keys) {
          await pressAndSettle(desktop, key);
          pressed.push(key);
        }
      } while (!heard() && pressed.length < max * step.keys.length);
      if (!heard()) {
        const target = phraseIn(says, visit.lang);
        failures.push(`Orca did not say “${target}” in ${max} presses of ${step.keys.join(' ')}`);
      }
    } else {
      for (const [k, key] of step.keys.entries()) {
        if (isLeaving && k === step.keys.length - 1) {
          next = desktop.speech.read();
          await desktop.press(key);
        } else await pressAndSettle(desktop, key);
        pressed.push(key);
      }
    }
    const spoken = isLeaving
      ? texts(desktop.speech.utterances.slice(from, next))
      : await awaitSpeech(desktop, from, step, visit.lang, timing.quietMs);
    record.steps.push({
      does: step.until ? `${step.does} “${phraseIn(step.until.says, visit.lang)}”` : step.does,
      keys: pressed,
      spoken,
      failures: [...failures, ...check(step, visit.lang, spoken)],
      gaps: openGaps(step, visit.lang, spoken),
      leaves: isLeaving,
      log: { from: logFrom, to: desktop.speech.offset },
    });
    if (!isLeaving) next = desktop.speech.read();
  }
  record.seconds = (Date.now() - started) / 1000;
  return { record, next };
}
