// The keys of the English locale files as types: a misspelt key, or a key built from a value
// outside its union, fails `tsc` instead of showing on screen. Types only: nothing here reaches
// the bundle. A new namespace file gets its line in Namespaces.
import type about from '../../locales/en/about.json';
import type afford from '../../locales/en/afford.json';
import type amount from '../../locales/en/amount.json';
import type app from '../../locales/en/app.json';
import type assist from '../../locales/en/assist.json';
import type check from '../../locales/en/check.json';
import type choose from '../../locales/en/choose.json';
import type confirm from '../../locales/en/confirm.json';
import type contact from '../../locales/en/contact.json';
import type declare from '../../locales/en/declare.json';
import type income from '../../locales/en/income.json';
import type journey from '../../locales/en/journey.json';
import type mine from '../../locales/en/mine.json';
import type offer from '../../locales/en/offer.json';
import type office from '../../locales/en/office.json';
import type privacy from '../../locales/en/privacy.json';
import type repay from '../../locales/en/repay.json';
import type safety from '../../locales/en/safety.json';
import type term from '../../locales/en/term.json';
import type understand from '../../locales/en/understand.json';
import type voice from '../../locales/en/voice.json';

/** Every namespace (one file per language in locales/<lang>/) and its English strings. */
export interface Namespaces {
  about: typeof about;
  afford: typeof afford;
  amount: typeof amount;
  app: typeof app;
  assist: typeof assist;
  check: typeof check;
  choose: typeof choose;
  confirm: typeof confirm;
  contact: typeof contact;
  declare: typeof declare;
  income: typeof income;
  journey: typeof journey;
  mine: typeof mine;
  office: typeof office;
  offer: typeof offer;
  privacy: typeof privacy;
  repay: typeof repay;
  safety: typeof safety;
  term: typeof term;
  understand: typeof understand;
  voice: typeof voice;
}

/** The CLDR plural categories a key may end in (i18next JSON v4: "key_one", "key_other"). */
type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** A plural form's key is looked up by its base name, with `count` choosing the form. */
type Base<K extends string> = K extends `${infer B}_${PluralCategory}` ? B : K;

/** The dotted paths to the strings of one nested locale object. */
type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? Base<K> : `${K}.${Paths<T[K]>}`;
}[keyof T & string];

/** A key the translator accepts: "namespace:path", or a bare path in the default namespace
 *  ("app"). */
export type TranslationKey =
  | { [N in keyof Namespaces]: `${N}:${Paths<Namespaces[N]>}` }[keyof Namespaces]
  | Paths<Namespaces['app']>;
