// The one schema of an application as the app sends it and the server accepts it. Pure: no
// DOM, no Node. Every field is typed and bounded, text is Unicode NFC and trimmed, unknown
// fields are refused, and identity numbers and phones come out in one canonical form.
import * as v from 'valibot';
import type { AnswerField } from './answer-fields';
import {
  type ApplicantReason,
  ageOn,
  checkDateOfBirth,
  checkFullName,
  checkIdNumber,
  checkPhone,
  ID_FORMATS,
  ID_TYPES,
  type IdFormat,
  PHONE_FORMATS,
  type PhoneFormat,
} from './applicant';
import {
  buildSchedule,
  loanTermsFor,
  type Product,
  type ProductChoice,
  type RateBasis,
  type Schedule,
} from './index';
import { disclosedRate } from './rate-range';

/** The languages an application can be made in. */
export const LOCALES = ['en', 'zh-CN'] as const;

/** Monthly income ranges the applicant picks from (amounts in yuan per month), or the choice
 *  not to say. */
export const INCOME_BAND_IDS = [
  'under-2000',
  '2000-3999',
  '4000-5999',
  '6000-9999',
  '10000-19999',
  '20000-plus',
  'rather-not-say',
] as const;

/** The largest amount of money a field accepts, in minor units (¥10 billion). */
export const MAX_MONEY = 1_000_000_000_000;

/** Why a field of an application was refused, as a code the app turns into words. */
export type FieldReason =
  | ApplicantReason
  | 'required'
  | 'wrong-type'
  | 'unknown-field'
  | 'too-short'
  | 'too-long'
  | 'too-small'
  | 'too-large'
  | 'not-whole-number'
  | 'not-allowed'
  | 'text-characters'
  | 'id-birth-date-mismatch'
  | 'safety-pressured'
  | 'declaration-not-accepted'
  | 'applicant-only';

/** One refused field: its dotted path ('applicant.idNumber'; null for the whole body) and why. */
export interface FieldIssue {
  field: string | null;
  reason: FieldReason;
}

const REASONS = new Set<string>([
  'required',
  'wrong-type',
  'unknown-field',
  'too-short',
  'too-long',
  'too-small',
  'too-large',
  'not-whole-number',
  'not-allowed',
  'text-characters',
  'id-birth-date-mismatch',
  'safety-pressured',
  'declaration-not-accepted',
  'applicant-only',
  'name-empty',
  'name-too-long',
  'name-characters',
  'id-empty',
  'id-characters',
  'id-length',
  'id-region',
  'id-birth-date',
  'id-check-digit',
  'id-format',
  'id-type-country',
  'phone-empty',
  'phone-characters',
  'phone-length',
  'phone-prefix',
  'phone-country',
  'dob-format',
  'dob-not-a-date',
  'dob-in-future',
  'dob-too-young',
  'dob-too-old',
] satisfies FieldReason[]);

// Control characters and the bidirectional overrides used to make text read differently from
// how it is stored ("Trojan Source"); nothing a person types needs them.
const UNSAFE_TEXT = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

function text(maxLength: number) {
  return v.pipe(
    v.string(),
    v.normalize('NFC'),
    v.trim(),
    v.minLength(1, 'required'),
    v.maxLength(maxLength, 'too-long'),
    v.check((value) => !UNSAFE_TEXT.test(value), 'text-characters'),
  );
}

// Raw text before a validator in src/loan/applicant.ts cleans it up: bounded first, so a
// check never runs over megabytes.
function raw(maxLength: number) {
  return v.pipe(v.string(), v.maxLength(maxLength, 'too-long'));
}

function money(min: number) {
  return v.pipe(
    v.number(),
    v.safeInteger('not-whole-number'),
    v.minValue(min, 'too-small'),
    v.maxValue(MAX_MONEY, 'too-large'),
  );
}

function integer(min: number, max: number) {
  return v.pipe(
    v.number(),
    v.safeInteger('not-whole-number'),
    v.minValue(min, 'too-small'),
    v.maxValue(max, 'too-large'),
  );
}

const identifier = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'required'),
  v.maxLength(64, 'too-long'),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'not-allowed'),
);

// Kept in a module of their own, with no schema library, so the draft store (on the first
// page) can name the fields without carrying the whole application schema.
export { ANSWER_FIELDS, type AnswerField } from './answer-fields';

/** Who typed or chose an answer on the shared tablet. */
export type EnteredBy = 'applicant' | 'staff';

/** The parts only the applicant may give, even in an assisted session: staff never enter them
 *  (the safety answer as `APPLICANT_ONLY_ANSWERS` says). */
export const APPLICANT_ONLY_FIELDS = ['teachBack', 'declaration', 'pressured'] as const;

const who = v.optional(v.picklist(['applicant', 'staff'] as const, 'not-allowed'));
// Teach-back, declaration and the safety answer are always the applicant's: a claim that
// staff gave them is refused rather than stored.
const applicantOnly = v.optional(
  v.pipe(
    v.picklist(['applicant', 'staff'] as const, 'not-allowed'),
    v.check((by) => by === 'applicant', 'applicant-only'),
  ),
);

/** Who entered each answer in an assisted session; an answer left out was not given. Every
 *  entry is optional, so an array (which valibot's object test lets through, having no keys)
 *  is refused first: the fuzz test found `"enteredBy": []` accepted. */
const enteredBy = v.pipe(
  v.custom<object>((input) => typeof input === 'object' && !Array.isArray(input), 'wrong-type'),
  v.strictObject({
    productId: who,
    amount: who,
    months: who,
    method: who,
    fullName: who,
    dateOfBirth: who,
    idNumber: who,
    phone: who,
    incomeBand: who,
    existingRepayments: who,
    trustedContact: who,
    pressured: applicantOnly,
    teachBack: applicantOnly,
    declaration: applicantOnly,
  } satisfies Record<AnswerField | (typeof APPLICANT_ONLY_FIELDS)[number], unknown>),
);

/** What the application schema needs from its surroundings. */
export interface ApplicationSchemaOptions {
  /** Today as YYYY-MM-DD, asked at each check (dates of birth are judged against it). */
  today?: () => string;
  /** Identity card formats by country; defaults to ID_FORMATS of src/loan/applicant.ts. */
  idFormats?: Readonly<Record<string, IdFormat>>;
  /** Mobile formats by country; its keys are the countries accepted. Defaults to PHONE_FORMATS. */
  phoneFormats?: Readonly<Record<string, PhoneFormat>>;
}

/** Today's date on this device's clock, as YYYY-MM-DD. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Builds the application schema; the app and the server each make one (the server with its
 *  own clock and time zone). */
export function createApplicationSchema(options: ApplicationSchemaOptions = {}) {
  const today = options.today ?? localToday;
  const idFormats = options.idFormats ?? ID_FORMATS;
  const phoneFormats = options.phoneFormats ?? PHONE_FORMATS;
  const countries = Object.keys(phoneFormats);

  const body = v.strictObject({
    productId: identifier,
    /** Amount borrowed, minor units. */
    amount: money(1),
    months: integer(1, 600),
    method: v.picklist(['annuity', 'equal-principal'], 'not-allowed'),
    /** The figures the applicant was shown and agreed to; the server recomputes them. */
    figures: v.strictObject({
      /** The first instalment (the largest, for equal-principal), fees included. */
      monthlyPayment: money(0),
      totalPayable: money(0),
      /** The annual rate including all fees, on the basis the product discloses. */
      annualRatePercent: v.pipe(
        v.number(),
        v.minValue(0, 'too-small'),
        v.maxValue(1000, 'too-large'),
      ),
    }),
    applicant: v.strictObject({
      fullName: raw(400),
      /** YYYY-MM-DD. */
      dateOfBirth: raw(40),
      idType: v.picklist(ID_TYPES, 'not-allowed'),
      idNumber: raw(60),
      phone: raw(40),
      /** Where the applicant lives (ISO 3166-1 alpha-2): its rules check the ID and phones. */
      country: v.picklist(countries, 'not-allowed'),
    }),
    income: v.strictObject({
      monthlyIncomeBand: v.picklist(INCOME_BAND_IDS, 'not-allowed'),
      /** What the applicant already repays each month on other loans, minor units. */
      existingRepayments: money(0),
    }),
    trustedContact: v.optional(
      v.nullable(
        v.strictObject({
          name: raw(400),
          phone: raw(40),
          /** In the applicant's own words ("my daughter"). */
          relationship: text(60),
        }),
      ),
      null,
    ),
    safety: v.strictObject({
      /** Anyone pushing the applicant to borrow stops the journey before sending. */
      pressured: v.literal(false, 'safety-pressured'),
    }),
    teachBack: v.strictObject({
      answeredCorrectly: v.boolean(),
      attempts: integer(1, 20),
    }),
    declaration: v.strictObject({
      accepted: v.literal(true, 'declaration-not-accepted'),
    }),
    locale: v.picklist(LOCALES, 'not-allowed'),
    /** Present when branch staff helped on the same device: who helped, who entered each
     *  answer, and the proof the server checks (the attestation it signed at the staff
     *  member's sign-in, and when the application was made, on the server's clock). The
     *  branch stored is the attestation's; `branch` is still read, as applications queued by
     *  an older app carry it, and never kept. */
    assisted: v.optional(
      v.nullable(
        v.strictObject({
          staffId: identifier,
          branch: v.optional(text(80)),
          enteredBy,
          attestation: v.optional(v.pipe(v.string(), v.maxLength(1024, 'too-long'))),
          madeAt: v.optional(
            v.pipe(v.string(), v.maxLength(40, 'too-long'), v.isoTimestamp('not-allowed')),
          ),
        }),
      ),
      null,
    ),
  });

  return v.pipe(
    body,
    // Checks that need more than one field: the ID and phones follow the applicant's country,
    // and a mainland resident ID carries the birth date, which must be the one given.
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const input = dataset.value;
      const issue = (path: [string, string], reason: FieldReason) => {
        const item = (key: string) => ({
          type: 'object' as const,
          origin: 'value' as const,
          input,
          key,
          value: undefined,
        });
        addIssue({ message: reason, path: [item(path[0]), item(path[1])] });
      };
      const { applicant, trustedContact } = input;
      const day = today();
      const name = checkFullName(applicant.fullName);
      if (!name.ok) issue(['applicant', 'fullName'], name.reason);
      const dob = checkDateOfBirth(applicant.dateOfBirth.trim(), day);
      if (!dob.ok) issue(['applicant', 'dateOfBirth'], dob.reason);
      const id = checkIdNumber(applicant.idType, applicant.country, applicant.idNumber, {
        today: day,
        formats: idFormats,
      });
      if (!id.ok) issue(['applicant', 'idNumber'], id.reason);
      if (id.ok && dob.ok && applicant.idType === 'cn-resident') {
        if (id.value.slice(6, 14) !== dob.value.replaceAll('-', '')) {
          issue(['applicant', 'idNumber'], 'id-birth-date-mismatch');
        }
      }
      const phone = checkPhone(applicant.country, applicant.phone, phoneFormats);
      if (!phone.ok) issue(['applicant', 'phone'], phone.reason);
      let contact = trustedContact;
      if (trustedContact) {
        const contactName = checkFullName(trustedContact.name);
        if (!contactName.ok) issue(['trustedContact', 'name'], contactName.reason);
        const contactPhone = checkPhone(applicant.country, trustedContact.phone, phoneFormats);
        if (!contactPhone.ok) issue(['trustedContact', 'phone'], contactPhone.reason);
        if (contactName.ok && contactPhone.ok) {
          contact = { ...trustedContact, name: contactName.value, phone: contactPhone.value };
        }
      }
      if (!(name.ok && dob.ok && id.ok && phone.ok)) return NEVER;
      return {
        ...input,
        applicant: {
          ...applicant,
          fullName: name.value,
          dateOfBirth: dob.value,
          idNumber: id.value,
          phone: phone.value,
        },
        trustedContact: contact,
      };
    }),
  );
}

/** The figures an applicant was shown and agreed to: first monthly payment, total payable,
 *  annual rate including all fees. */
export type Figures = ApplicationBody['figures'];

/** An application's body as the app sends it and the server stores it (after validation:
 *  text normalised, ID in capitals without spaces, phones as national numbers). */
export type ApplicationBody = v.InferOutput<ReturnType<typeof createApplicationSchema>>;

/** The outcome of validating a body: the clean application, or every refused field in order. */
export type ApplicationResult =
  | { ok: true; value: ApplicationBody }
  | { ok: false; issues: FieldIssue[] };

/** Validates an untrusted body against a schema made by createApplicationSchema (by default
 *  one with today from this device's clock, made for the call: the app, which loads this
 *  module ahead for every journey page, never builds a schema it does not use). */
export function validateApplication(
  input: unknown,
  schema: ReturnType<typeof createApplicationSchema> = createApplicationSchema(),
): ApplicationResult {
  // An array passes valibot's object test and would be reported as every field missing.
  if (Array.isArray(input)) return { ok: false, issues: [{ field: null, reason: 'wrong-type' }] };
  // One reason per field: the first check it fails is the one worth telling.
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, issues: result.issues.map(toFieldIssue) };
}

function toFieldIssue(issue: v.BaseIssue<unknown>): FieldIssue {
  const field = issue.path?.map((item) => String(item.key)).join('.') || null;
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    return { field, reason: 'unknown-field' };
  }
  if (issue.kind === 'schema' && issue.input === undefined) return { field, reason: 'required' };
  if (REASONS.has(issue.message)) return { field, reason: issue.message as FieldReason };
  return { field, reason: issue.kind === 'schema' ? 'wrong-type' : 'not-allowed' };
}

/** Why an application's terms do not fit its product. */
export type TermsReason =
  | 'product-unknown'
  | 'amount-below-minimum'
  | 'amount-above-maximum'
  | 'amount-step'
  | 'months-not-offered'
  | 'method-not-offered'
  | 'age-below-minimum'
  | 'age-above-maximum'
  | 'figures-mismatch';

/** One refusal of an application's terms: the field it is about and why. */
export interface TermsIssue {
  field: string;
  reason: TermsReason;
}

// The disclosed rate is shown to two decimal places; a difference below half of the last
// place is a difference in rounding, not in the loan.
const RATE_TOLERANCE = 0.005;

/** Whether an application (already valid by the schema) fits its product — amount within
 *  limits and on a step, a term and method offered, the applicant's age eligible — and
 *  carries the figures the loan engine computes for it. Null when it does. */
export function checkTerms(
  application: ApplicationBody,
  product: Product | undefined,
  today: string,
  figuresOf: (product: Product, choice: ProductChoice) => Figures = figuresFor,
): TermsIssue | null {
  if (!product) return { field: 'productId', reason: 'product-unknown' };
  const { amount, months, method } = application;
  const choiceIssue = checkChoice(product, { principal: amount, months, method });
  if (choiceIssue) return choiceIssue;
  const age = ageOn(application.applicant.dateOfBirth, today);
  if (age < product.eligibility.minAge) {
    return { field: 'applicant.dateOfBirth', reason: 'age-below-minimum' };
  }
  if (age > product.eligibility.maxAge) {
    return { field: 'applicant.dateOfBirth', reason: 'age-above-maximum' };
  }
  const expected = figuresOf(product, { principal: amount, months, method });
  const { figures } = application;
  if (figures.monthlyPayment !== expected.monthlyPayment) {
    return { field: 'figures.monthlyPayment', reason: 'figures-mismatch' };
  }
  if (figures.totalPayable !== expected.totalPayable) {
    return { field: 'figures.totalPayable', reason: 'figures-mismatch' };
  }
  if (!(Math.abs(figures.annualRatePercent - expected.annualRatePercent) < RATE_TOLERANCE)) {
    return { field: 'figures.annualRatePercent', reason: 'figures-mismatch' };
  }
  return null;
}

/** Whether an amount, term and method are ones the product offers (an application's, or a
 *  lender's offer); null when they are. */
export function checkChoice(product: Product, choice: ProductChoice): TermsIssue | null {
  const { principal: amount, months, method } = choice;
  const { min, max, step } = product.amount;
  if (amount < min) return { field: 'amount', reason: 'amount-below-minimum' };
  if (amount > max) return { field: 'amount', reason: 'amount-above-maximum' };
  if ((amount - min) % step !== 0) return { field: 'amount', reason: 'amount-step' };
  if (!product.terms.includes(months)) return { field: 'months', reason: 'months-not-offered' };
  if (!product.methods.includes(method)) return { field: 'method', reason: 'method-not-offered' };
  return null;
}

/** The figures an application carries for a choice the product allows (the loan engine's
 *  schedule, disclosed on the product's rate basis). */
export function figuresFor(product: Product, choice: ProductChoice): Figures {
  return disclosedFigures(buildSchedule(loanTermsFor(product, choice)), product.disclosedRateBasis);
}

/** The figures an application carries, from its schedule: the first instalment (the largest,
 *  for equal-principal) with fees, the total payable, and the annual rate including all fees
 *  on the basis the product discloses. */
export function disclosedFigures(schedule: Schedule, basis: RateBasis): ApplicationBody['figures'] {
  return {
    monthlyPayment: schedule.instalments[0]?.payment ?? 0,
    totalPayable: schedule.totalPayable,
    annualRatePercent: disclosedRate(schedule, basis),
  };
}
