// Kindly as a blind applicant meets it, page by page, in the order they go, in one Orca and
// Chromium session: English first, then Chinese, chosen on the page with the keyboard.
//
// To add a page: append a Visit (and make the visit before it leave for it). Press only keys
// a screen-reader user presses, and check what Orca says with Kindly's own strings
// (t('namespace:key'), from locales/) around Orca's own words ('link', 'heading level 1',
// 'selected radio button'; Orca speaks those in English here, whatever the page's language).
// The transcript of a run (.kindly-tmp/screen-reader/transcript.md) shows what Orca says.
import { type Expect, type Phrase, type Step, t, type Visit, words } from './script';

// Orca 43 names a radio group's fieldset when focus enters it ("Language panel.") but never
// reads a fieldset's description. So ChoiceGroup ties the group's hint to the radio that
// takes focus on entering the group (the chosen one, else the first), which Orca reads.

// After an in-app navigation Kindly focuses the new h1. Chromium reports the caret moving to
// the h1 and the focus as two events; when Orca 43 handles the caret first, it moves its own
// focus to the h1 silently and then takes the focus event for no change. So the person often
// hears only the live region's "<title> – Kindly", and sometimes also "<h1> heading level 1"
// (a race: in our runs, arriving at Welcome from the header, Orca read the h1 each time).
// Either way its caret is on the h1, which the next step's Tab checks: Tab goes on from there.
const h1RaceGap = 'Orca 43 often takes the caret move to the focused h1 for the focus change';

const title = (page: Phrase) => t('page.title', { title: page, appName: t('appName') });

const groupNames = {
  language: 'Language',
  textSize: 'Text size',
  theme: 'Colours',
  motion: 'Motion',
  privacy: 'Privacy mode',
} as const;
type Group = keyof typeof groupNames;

/** Tab into a radio group: Orca names the group, the chosen option and the group's hint. */
const enterGroup = (group: Group, chosen: Phrase): Step => ({
  does: `Tab into the ${groupNames[group]} group`,
  keys: ['Tab'],
  says: [
    words(t(`settings.${group}.legend`), 'panel'),
    words(chosen, 'selected radio button'),
    t(`settings.${group}.hint`),
  ],
});

/** Tab until Orca says `target`, as a person listens for what they are looking for. A link
 *  followed before is a "visited link" to Orca, so targets that are links leave out the role. */
const tabUntil = (target: Phrase, expect: Expect = {}): Step => ({
  does: 'Tab until',
  keys: ['Tab'],
  until: { says: target, max: 8 },
  ...expect,
});

/** Shift+Tab until Orca says `target`. */
const backUntil = (target: Phrase, expect: Expect = {}): Step => ({
  does: 'Shift+Tab until',
  keys: ['shift+Tab'],
  until: { says: target, max: 16 },
  ...expect,
});

const follow: Step = { does: 'Enter follows it', keys: ['Return'], leaves: true };

// Language names are written in their own language on every page (WelcomePage).
const english = 'English';
const chinese = '简体中文';
const large = t('settings.textSize.option100');

/** Get help, once reached: collapsed, opened with Space, closed with Space. */
const getHelp: Step[] = [
  { does: 'Space opens Get help', keys: ['space'], says: ['expanded'], never: ['collapsed'] },
  { does: 'Space closes it', keys: ['space'], says: ['collapsed'], never: ['expanded'] },
];

/** Settings' groups, in Tab order from its h1. */
const settingsGroups = (language: Phrase): Step[] => [
  enterGroup('language', language),
  enterGroup('textSize', large),
  enterGroup('theme', t('settings.theme.auto')),
  enterGroup('motion', t('settings.motion.auto')),
  enterGroup('privacy', t('settings.privacy.off')),
];

/** Arriving by an in-app link: the live region says "<title> – Kindly" once (and Orca may
 *  read the focused h1: see h1RaceGap). */
const arrives = (h1: Phrase): Expect => ({
  once: [title(h1)],
  gaps: { says: [words(h1, 'heading level 1')], why: h1RaceGap, sometimes: true },
});

/** The walk. */
export const journey: Visit[] = [
  {
    page: 'Welcome',
    lang: 'en',
    reached: 'page load',
    // On load Orca names the document (by its title in index.html, or the page's once the app
    // has set it), says it has finished loading, and stays at the top, in browse mode.
    arrival: { says: ['Finished loading', t('appName')] },
    steps: [
      {
        does: 'h: next heading',
        keys: ['h'],
        says: [words(t('welcome.title'), 'heading level 1')],
      },
      tabUntil(words(english, 'selected radio button'), {
        says: [
          words(t('welcome.start'), 'link'),
          words(t('settings.language.legend'), 'panel'),
          t('settings.language.hint'),
        ],
      }),
      enterGroup('textSize', large),
      backUntil(words(t('help.button'), 'collapsed push button')),
      ...getHelp,
      tabUntil(words(t('nav.settings'), 'link'), {
        says: [words(t('nav.privacy'), 'toggle button not pressed')],
      }),
      follow,
    ],
  },
  {
    page: 'Settings',
    lang: 'en',
    reached: 'Settings link in the header',
    arrival: arrives(t('settings.title')),
    steps: [
      ...settingsGroups(english),
      backUntil(words(t('appName'), 'link'), {
        says: [words(t('settings.language.legend'), 'panel')],
      }),
      follow,
    ],
  },
  {
    page: 'Welcome',
    lang: 'en',
    reached: 'Kindly link in the header',
    arrival: arrives(t('welcome.title')),
    steps: [
      tabUntil(words(english, 'selected radio button')),
      // Radios side by side are one line, which Down would skip in browse mode: a person
      // arrows right, through the letters of "English", to the next radio.
      {
        does: 'Right until',
        keys: ['Right'],
        until: { says: words(chinese, 'not selected radio button'), max: 12 },
      },
      // The page turns Chinese in place: Orca only says the radio is now selected.
      { does: 'Space chooses it', keys: ['space'], leaves: true },
    ],
  },
  {
    page: 'Welcome',
    lang: 'zh-CN',
    reached: 'choosing 简体中文',
    arrival: { says: ['selected'] },
    steps: [enterGroup('textSize', large), tabUntil(t('welcome.moreSettings')), follow],
  },
  {
    page: 'Settings',
    lang: 'zh-CN',
    reached: 'More settings link in the page',
    arrival: arrives(t('settings.title')),
    steps: [
      ...settingsGroups(chinese),
      backUntil(words(t('help.button'), 'collapsed push button')),
      ...getHelp,
      { does: 'Shift+Tab to Kindly', keys: ['shift+Tab'], says: [words(t('appName'), 'link')] },
      follow,
    ],
  },
  {
    page: 'Welcome',
    lang: 'zh-CN',
    reached: 'Kindly link in the header',
    arrival: arrives(t('welcome.title')),
    steps: [],
  },
];
