// Kindly as a blind applicant meets it, page by page, in the order they go, in one Orca and
// Chromium session: English first, then Chinese, chosen on the page with the keyboard. Then a
// branch visit in each language, as staff and a blind customer sharing a tablet hear it.
//
// To add a page: append a Visit (and make the visit before it leave for it). Press only keys
// a screen-reader user presses, and check what Orca says with Kindly's own strings
// (t('namespace:key'), from locales/) around Orca's own words ('link', 'heading level 1',
// 'selected radio button'; Orca speaks those in English here, whatever the page's language).
// The transcript of a run (.kindly-tmp/screen-reader/transcript.md) shows what Orca says.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { amountMoney, money } from '../../src/journey/product-view';
import { buildSchedule } from '../../src/loan';
import { residentIdCheckCharacter } from '../../src/loan/applicant';
import catalog from '../../src/loan/catalog/products.json';
import type { CardPerson } from '../support/id-cards';
import { databaseDir } from './desktop';
import { type Expect, type Phrase, type Step, t, type Visit, words } from './script';

// Orca 43 names a radio group's fieldset when focus enters it ("Language panel.") but never
// reads a fieldset's description. So ChoiceGroup ties the group's hint to the radio that
// takes focus on entering the group (the chosen one, else the first), which Orca reads.

// After an in-app navigation Kindly focuses the new h1, and the live region says
// "<title> – Kindly" (the title is the h1's words). Orca 43 reads the focused h1 only when
// the object it was on is alive and is not the h1: src/core/page.ts puts the browser's
// selection outside the page first so that it is (without that, Orca moved to the h1 silently
// on 5 to 11 of 31 arrivals: after Start, Skip, Send, the header's links).

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

/** Tab until Orca says `target`, as a person listens for what they are looking for. (A link
 *  followed before is a "visited link" to Orca; the check hears that as "link".) */
const tabUntil = (target: Phrase, expect: Expect = {}, max = 8): Step => ({
  does: 'Tab until',
  keys: ['Tab'],
  until: { says: target, max },
  ...expect,
});

/** Shift+Tab until Orca says `target`. */
const backUntil = (target: Phrase, expect: Expect = {}, max = 16): Step => ({
  does: 'Shift+Tab until',
  keys: ['shift+Tab'],
  until: { says: target, max },
  ...expect,
});

/** Down, in browse mode, line by line until Orca says `target`. */
const downUntil = (target: Phrase, max: number): Step => ({
  does: 'Down until',
  keys: ['Down'],
  until: { says: target, max },
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

/** Arriving by an in-app link: Orca reads the focused h1, and the live region says
 *  "<title> – Kindly" once. Where the h1 is the legend of the page's radio group, Orca names
 *  the group as focus enters it, too. */
const arrives = (h1: Phrase, options: { isGroupLegend?: boolean } = {}): Expect => ({
  says: [...(options.isGroupLegend ? [words(h1, 'panel')] : []), words(h1, 'heading level 1')],
  once: [title(h1)],
});

// ---- The application, from "Start an application" to the reference number ----

/** The answers typed and chosen: a home repair loan of ¥12,500 over 12 months. */
const loan = { amount: 1_250_000, typed: '12000', months: 12, step: 50_000 };
const first17 = '11010519580327123';
const idNumber = first17 + residentIdCheckCharacter(first17);
const monthly = (() => {
  const schedule = buildSchedule({
    principal: loan.amount,
    annualRatePercent: 6,
    months: loan.months,
    method: 'annuity',
    upfrontFee: 3000,
  });
  const payment = schedule.instalments[0]?.payment;
  if (payment === undefined) throw new Error('No first payment in the schedule');
  return payment;
})();
const product = (id: string) => {
  const found = catalog.products.find((p) => p.id === id);
  if (!found) throw new Error(`No ${id} loan in the catalog`);
  return found;
};
const homeRepair: Phrase = (lang) => product('home-repair').name[lang];
const yuan =
  (minor: number): Phrase =>
  (lang) =>
    amountMoney(minor, 'CNY', lang);
const exactYuan =
  (minor: number): Phrase =>
  (lang) =>
    money(minor, 'CNY', lang);

/** The reference number of the application the run's server stored last, read from its
 *  throwaway database each time Orca's speech is checked: what Orca must say, in full. */
const storedReference: Phrase = () => {
  const db = new Database(join(databaseDir, 'kindly.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const row = db
      .prepare('SELECT reference FROM applications ORDER BY rowid DESC LIMIT 1')
      .get() as { reference: string } | undefined;
    // Checked again and again while Orca speaks: before the application arrives, no speech
    // can match this, and a failure says so.
    return row?.reference ?? '(no application stored on the server yet)';
  } finally {
    db.close();
  }
};

/** Tab to a text field: Orca says its label, that it is an entry, and its hint. */
const enterField = (label: Phrase, hint?: Phrase, expect: Expect = {}): Step => ({
  does: 'Tab to the field',
  keys: ['Tab'],
  ...expect,
  says: [words(label, 'entry'), ...(hint ? [hint] : []), ...(expect.says ?? [])],
});

/** Types into the focused field; Orca echoes what is typed. */
const type = (text: string): Step => ({ does: `Type ${text}`, keys: [`type:${text}`] });

/** Tab to Continue and press Enter, leaving the page. */
const continueOn = (max = 8): Step[] => [
  tabUntil(words(t('journey:continue'), 'push button'), {}, max),
  follow,
];

/** Arrowing down in browse mode until Orca says a radio, then Space chooses it. */
const chooseByDown = (option: Phrase, max = 12): Step[] => [
  {
    does: 'Down until',
    keys: ['Down'],
    until: { says: words(option, 'not selected radio button'), max },
  },
  { does: 'Space chooses it', keys: ['space'], says: ['selected'], never: ['not selected'] },
];

/** The question pages, check your answers, understand, declaration and confirmation. */
function application(lang: 'en' | 'zh-CN'): Visit[] {
  const visit = (
    page: string,
    reached: string,
    h1: Phrase,
    steps: Step[],
    options: { isGroupLegend?: boolean } = {},
  ): Visit => ({ page, lang, reached, arrival: arrives(h1, options), steps });
  const legend = { isGroupLegend: true };
  const sendsOffline = lang === 'en';
  return [
    visit(
      'Choose a loan',
      'Start an application',
      t('choose:title'),
      [
        {
          does: 'Tab into the loans',
          keys: ['Tab'],
          says: [
            words(product('shop-working-capital').name[lang], 'not selected radio button'),
            t('choose:hint'),
          ],
          // The option's own hint once, as its description (not also in its name).
          once: [product('shop-working-capital').whoFor[lang]],
        },
        ...chooseByDown(homeRepair),
        ...continueOn(),
      ],
      legend,
    ),
    visit('Amount', 'Continue', t('amount:title'), [
      enterField(
        t('amount:title'),
        t('amount:limits', {
          min: yuan(200_000),
          max: yuan(3_000_000),
          step: yuan(loan.step),
        }),
        { says: [t('amount:howToType')] },
      ),
      type(loan.typed),
      {
        does: 'Tab to −',
        keys: ['Tab'],
        says: [words(t('amount:decrease', { step: yuan(loan.step) }), 'push button')],
      },
      {
        does: 'Tab to +',
        keys: ['Tab'],
        says: [words(t('amount:increase', { step: yuan(loan.step) }), 'push button')],
      },
      // The live region says the new amount: the button keeps focus, so Orca would say nothing.
      { does: 'Space adds one step', keys: ['space'], once: [yuan(loan.amount)] },
      {
        does: 'Shift+Tab, Shift+Tab back to the amount',
        keys: ['shift+Tab', 'shift+Tab'],
        says: [words(t('amount:title'), 'entry')],
      },
      ...continueOn(),
    ]),
    visit(
      'Term',
      'Continue',
      t('term:title'),
      [
        {
          does: 'Tab into the terms',
          keys: ['Tab'],
          says: [t('term:hint', { amount: yuan(loan.amount) }), 'not selected radio button'],
        },
        ...chooseByDown(t('journey:months_other', { count: String(loan.months) })),
        ...continueOn(),
      ],
      legend,
    ),
    visit('Repayment', 'Continue', t('repay:title'), [
      {
        does: 'Down reads the sentence',
        keys: ['Down'],
        until: { says: exactYuan(monthly), max: 6 },
      },
      ...continueOn(12),
    ]),
    visit('About you', 'Continue', t('about:title'), [
      ...continueOn(12).slice(0, 1),
      {
        does: 'Enter: Continue with nothing filled in',
        keys: ['Return'],
        says: [
          t('journey:errorSummaryTitle'),
          t('about:errors.name-empty'),
          t('about:errors.dob-empty'),
          t('about:errors.id-empty'),
          t('about:errors.phone-empty'),
        ],
      },
      tabUntil(
        words(t('about:fullName.label'), 'entry'),
        {
          says: [t('about:fullName.hint'), t('about:errors.name-empty')],
        },
        8,
      ),
      type('Wang Xiuying'),
      enterField(t('about:dob.day'), t('about:dob.hint'), {
        says: [t('about:dob.legend'), t('about:errors.dob-empty')],
      }),
      type('27'),
      enterField(t('about:dob.month')),
      type('3'),
      enterField(t('about:dob.year')),
      type('1958'),
      enterField(t('about:idNumber.label'), t('about:idNumber.hint'), {
        says: [t('about:errors.id-empty')],
      }),
      type(idNumber),
      enterField(t('about:phone.label'), t('about:phone.hint'), {
        says: [t('about:errors.phone-empty')],
      }),
      type('13800138000'),
      ...continueOn(),
    ]),
    visit('Income', 'Continue', t('income:title'), [
      {
        does: 'Tab into the income ranges',
        keys: ['Tab'],
        says: [
          words(t('income:bandLegend'), 'panel'),
          t('income:bandHint'),
          'not selected radio button',
        ],
      },
      ...chooseByDown(t('income:band.between', { min: yuan(600_000), max: yuan(999_900) })),
      tabUntil(words(t('income:repaymentsLabel'), 'entry'), {
        says: [t('income:repaymentsHint')],
      }),
      type('0'),
      ...continueOn(),
    ]),
    visit('Trusted contact', 'Continue', t('contact:title'), [
      tabUntil(words(t('contact:skip'), 'push button')),
      follow,
    ]),
    visit(
      'Safety',
      'Skip this question',
      t('safety:title'),
      [
        {
          does: 'Tab into yes or no',
          keys: ['Tab'],
          says: [words(t('safety:no'), 'not selected radio button'), t('safety:hint')],
        },
        { does: 'Space chooses No', keys: ['space'], says: ['selected'], never: ['not selected'] },
        ...continueOn(),
      ],
      legend,
    ),
    visit('Check your answers', 'Continue', t('check:title'), [
      {
        does: 'Down reads the hint',
        keys: ['Down'],
        until: { says: t('check:hint'), max: 4 },
      },
      // Each Change link names the answer it changes, as its own word.
      tabUntil(words(t('check:change'), t('check:loan'), 'link')),
      ...continueOn(24),
    ]),
    visit(
      'Understand',
      'Continue',
      t('understand:title'),
      [
        {
          does: 'Tab into the amounts',
          keys: ['Tab'],
          says: [t('understand:hint'), 'not selected radio button'],
        },
        ...chooseByDown(exactYuan(monthly), 6),
        ...continueOn(),
      ],
      legend,
    ),
    visit('Declaration', 'Continue', t('declare:title'), [
      tabUntil(words(t('declare:send'), 'push button')),
      sendsOffline
        ? { ...follow, does: 'The connection drops; Enter sends', network: 'cut' }
        : follow,
    ]),
    // In English the application waits on the tablet until the connection is back, and the
    // person hears it go; in Chinese it is sent at once.
    ...(sendsOffline
      ? [
          visit('Confirmation, not sent yet', 'Send my application', t('confirm:pendingTitle'), [
            tabUntil(words(t('confirm:tryNow'), 'push button')),
            {
              does: 'The connection is back; Enter on “Try to send it now”',
              keys: ['Return'],
              network: 'restore',
              leaves: true,
            } satisfies Step,
          ]),
        ]
      : []),
    {
      page: 'Confirmation',
      lang,
      reached: sendsOffline ? 'Try to send it now' : 'Send my application',
      // Sent from the page that waited: its button is gone, so focus goes to the new h1, and
      // the live region says it was sent, with the reference number, once.
      arrival: sendsOffline
        ? {
            says: [words(t('confirm:title'), 'heading level 1')],
            once: [t('confirm:sentNow', { reference: storedReference })],
          }
        : arrives(t('confirm:title')),
      steps: [
        {
          does: 'Down until',
          keys: ['Down'],
          until: { says: storedReference, max: 4 },
          says: [t('confirm:referenceLabel')],
        },
        ...(sendsOffline
          ? [tabUntil(words(t('confirm:mine'), 'link'), {}, 6), follow]
          : [backUntil(words(t('appName'), 'link'), {}, 16), follow]),
      ],
    },
    // In English the person then withdraws it: each button pressed goes away, and focus
    // goes to the question, then to what came of it, which Orca reads.
    ...(sendsOffline
      ? [
          {
            page: 'My applications',
            lang,
            reached: 'See my applications',
            arrival: arrives(t('mine:title')),
            steps: [
              tabUntil(words(t('mine:withdraw'), storedReference, 'push button'), {}, 12),
              {
                does: 'Enter on Withdraw',
                keys: ['Return'],
                says: [t('mine:confirm', { reference: storedReference })],
              },
              tabUntil(words(t('mine:yes'), 'push button'), {}, 2),
              {
                does: 'Enter on “Yes, withdraw it”',
                keys: ['Return'],
                says: [t('mine:withdrawn', { reference: storedReference })],
              },
              backUntil(words(t('appName'), 'link'), {}, 24),
              follow,
            ],
          } satisfies Visit,
        ]
      : []),
  ];
}

// ---- A branch visit: staff sign in and answer, the customer answers alone, staff end it ----

/** The staff member who helps at the branch; run.ts makes the account before the walk. */
export const branchStaff = { name: 'Li Wei', branch: 'Pudong 3' } as const;

const customer = 'Wang Xiuying';

/** The customer as her (made-up) ID card shows her: the ID number the walk types. */
export const cardPerson: CardPerson = {
  name: '王秀英',
  sex: '女',
  birth: { year: 1958, month: 3, day: 27 },
  address: '北京市朝阳区建国路1号',
  id: idNumber,
  valid: true,
};

/** Tab to "Choose a photo" and press Enter: the file chooser is answered with a photo of the
 *  customer's card (no dialog), the tablet reads it, and Orca says what was filled in. Then
 *  Tab to the name, which says it was read from the card. */
const choosePhoto = (photo: string): Step[] => [
  tabUntil(words(t('about:card.choosePhoto'), 'push button'), {}, 10),
  {
    does: 'Enter: choose the photo of the card',
    keys: ['Return'],
    choosesFile: photo,
    says: [
      t('about:card.done.title'),
      t('about:card.done.fullName', { value: cardPerson.name }),
      t('about:card.done.check'),
    ],
    // Getting the reader ready (unless the branch tablet kept it already) and reading.
    waitMs: 90_000,
  },
  tabUntil(words(t('about:fullName.label'), 'entry'), { says: [t('about:card.fieldNote')] }, 6),
];
const helpedBy = t('assist:banner.helpedBy', branchStaff);

/** Staff sign in from Settings, answer the pages up to the trusted contact, hand the tablet
 *  over, the customer answers the safety question, and staff end the session from the
 *  banner. Ending it puts the tablet back in its own language (the browser's, English here),
 *  so the page that confirms it is English whatever the visit's language. With `toStart`,
 *  the visit ends by following "Back to the start". */
function branchVisit(
  lang: 'en' | 'zh-CN',
  staff: { id: string; passcode: string },
  reached: string,
  options: { toStart: boolean; cardPhoto?: string },
): Visit[] {
  const visit = (page: string, from: string, arrival: Expect, steps: Step[]): Visit => ({
    page,
    lang,
    reached: from,
    arrival,
    steps,
  });
  const legend = { isGroupLegend: true };
  return [
    visit('Welcome', reached, arrives(t('welcome.title')), [
      backUntil(words(t('nav.settings'), 'link'), {}, 4),
      follow,
    ]),
    visit('Settings', 'Settings link in the header', arrives(t('settings.title')), [
      tabUntil(words(t('settings.staff.link'), 'link'), {}, 10),
      follow,
    ]),
    visit('Staff sign-in', 'Branch staff sign-in link', arrives(t('assist:signIn.title')), [
      enterField(t('assist:signIn.staffId.label'), t('assist:signIn.staffId.hint')),
      type(staff.id),
      // What is typed in a password field is not read back.
      {
        does: 'Tab to the passcode',
        keys: ['Tab'],
        says: [words(t('assist:signIn.passcode.label'), 'password text')],
        never: [staff.passcode],
      },
      { ...type(staff.passcode), never: [staff.passcode] },
      tabUntil(words(t('assist:signIn.submit'), 'push button'), {}, 2),
      follow,
    ]),
    // The banner above the page names who is helping (Orca names no region on Tab into it).
    visit('Welcome, staff signed in', 'Sign in', arrives(t('welcome.title')), [
      { does: 'Up reads the line above', keys: ['Up'], until: { says: helpedBy, max: 3 } },
      tabUntil(words(t('welcome.start'), 'link'), {}, 6),
      follow,
    ]),
    visit('Choose a loan', 'Start an application', arrives(t('choose:title'), legend), [
      {
        does: 'Tab into the loans',
        keys: ['Tab'],
        says: [words(product('shop-working-capital').name[lang], 'not selected radio button')],
      },
      ...chooseByDown(homeRepair),
      ...continueOn(),
    ]),
    visit('Amount', 'Continue', arrives(t('amount:title')), [
      enterField(t('amount:title')),
      type(String(loan.amount / 100)),
      ...continueOn(),
    ]),
    visit('Term', 'Continue', arrives(t('term:title'), legend), [
      { does: 'Tab into the terms', keys: ['Tab'], says: ['not selected radio button'] },
      ...chooseByDown(t('journey:months_other', { count: String(loan.months) })),
      ...continueOn(),
    ]),
    visit('Repayment', 'Continue', arrives(t('repay:title')), continueOn(12)),
    visit('About you', 'Continue', arrives(t('about:title')), [
      ...(options.cardPhoto
        ? choosePhoto(options.cardPhoto)
        : // Past the card reader's buttons, which come before the fields.
          [
            tabUntil(
              words(t('about:fullName.label'), 'entry'),
              { says: [t('about:fullName.hint')] },
              6,
            ),
          ]),
      // Typed over what the card gave, so that no title or heading later carries it.
      type(customer),
      enterField(t('about:dob.day')),
      type('27'),
      enterField(t('about:dob.month')),
      type('3'),
      enterField(t('about:dob.year')),
      type('1958'),
      enterField(t('about:idNumber.label')),
      type(idNumber),
      enterField(t('about:phone.label')),
      type('13800138000'),
      ...continueOn(),
    ]),
    visit('Income', 'Continue', arrives(t('income:title')), [
      { does: 'Tab into the income ranges', keys: ['Tab'], says: ['not selected radio button'] },
      ...chooseByDown(t('income:band.between', { min: yuan(600_000), max: yuan(999_900) })),
      tabUntil(words(t('income:repaymentsLabel'), 'entry')),
      type('0'),
      ...continueOn(),
    ]),
    visit('Trusted contact', 'Continue', arrives(t('contact:title')), [
      tabUntil(words(t('contact:skip'), 'push button')),
      follow,
    ]),
    // The customer's name is in no title or heading a passer-by or the tab's history keeps.
    visit(
      'Hand-over',
      'Skip this question',
      { ...arrives(t('assist:handOver.title')), never: [customer] },
      [
        downUntil(t('assist:handOver.staff'), 6),
        tabUntil(words(t('assist:handOver.continue'), 'push button'), {}, 4),
        follow,
      ],
    ),
    // The customer alone: the question offers no "Who is answering this page?".
    visit(
      'Safety, the customer answering',
      'I have the tablet, continue',
      arrives(t('safety:title'), legend),
      [
        {
          does: 'Tab into yes or no',
          keys: ['Tab'],
          says: [words(t('safety:no'), 'not selected radio button'), t('safety:hint')],
          never: [t('assist:answering.legend')],
        },
        { does: 'Space chooses No', keys: ['space'], says: ['selected'], never: ['not selected'] },
        ...continueOn(),
      ],
    ),
    // Staff take the tablet back, and end the session from the banner.
    visit('Check your answers', 'Continue', arrives(t('check:title')), [
      backUntil(words(t('assist:banner.end'), 'link'), {}, 16),
      follow,
    ]),
    visit('End session', 'End session in the banner', arrives(t('assist:end.title')), [
      downUntil(t('assist:end.text'), 3),
      // The answers are not finished: a code to keep them is offered before they go.
      tabUntil(words(t('assist:end.confirm'), 'push button'), {
        says: [words(t('assist:end.getCode'), 'link')],
      }),
      follow,
    ]),
    {
      ...visit(
        'Session ended',
        'End session and clear this tablet',
        arrives(t('assist:ended.title')),
        [
          downUntil(t('assist:ended.text'), 3),
          // Staff are signed out: the header has no banner before the Settings link.
          {
            does: 'Shift+Tab, back to the header',
            keys: ['shift+Tab'],
            says: [words(t('nav.settings'), 'link')],
            never: [helpedBy, t('assist:banner.end')],
          },
          ...(options.toStart
            ? [tabUntil(words(t('assist:ended.home'), 'link'), {}, 6), follow]
            : []),
        ],
      ),
      lang: 'en',
    },
  ];
}

/** A blind applicant alone: English, then Chinese. */
const alone: Visit[] = [
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
    steps: [tabUntil(words(t('welcome.start'), 'link')), follow],
  },
  ...application('en'),
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
    // Followed before, in English: a "visited link" to Orca now.
    steps: [tabUntil(t('welcome.start')), follow],
  },
  ...application('zh-CN'),
];

/** The walk: the applicant alone, then a branch visit in each language, in which staff sign in
 *  as `staff` (an account run.ts makes on the run's server); in the English one About you is
 *  filled in from `cardPhoto`, a photo of `cardPerson`'s card. */
export function journey(staff: { id: string; passcode: string }, cardPhoto: string): Visit[] {
  return [
    ...alone,
    ...branchVisit('zh-CN', staff, 'Kindly link in the header', { toStart: true }),
    ...branchVisit('en', staff, 'Back to the start', { toStart: false, cardPhoto }),
  ];
}
