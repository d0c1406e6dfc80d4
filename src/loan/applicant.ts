// Checks of who is applying: names, identity numbers, mobile numbers, dates of birth.
// Pure functions over strings, shared by the app (to say exactly what is wrong, in the
// applicant's language) and the server (which trusts nothing it is sent). Each check answers
// either the cleaned-up value or one reason code; the app turns the code into words.

/** Why an applicant detail was refused: one code per thing a person can put right. */
export type ApplicantReason =
  | 'name-empty'
  | 'name-too-long'
  | 'name-characters'
  | 'id-empty'
  | 'id-characters'
  | 'id-length'
  | 'id-region'
  | 'id-birth-date'
  | 'id-check-digit'
  | 'id-format'
  | 'id-type-country'
  | 'phone-empty'
  | 'phone-characters'
  | 'phone-length'
  | 'phone-prefix'
  | 'phone-country'
  | 'dob-format'
  | 'dob-not-a-date'
  | 'dob-in-future'
  | 'dob-too-young'
  | 'dob-too-old';

/** The outcome of a check: the normalised value, or the reason it was refused. */
export type CheckResult<Reason extends ApplicantReason = ApplicantReason> =
  | { ok: true; value: string }
  | { ok: false; reason: Reason };

/** Why a name was refused. */
export type NameReason = Extract<ApplicantReason, `name-${string}`>;

/** Why a mobile phone number was refused. */
export type PhoneReason = Extract<ApplicantReason, `phone-${string}`>;

/** The kinds of identity document an applicant can give. */
export const ID_TYPES = ['cn-resident', 'national-id', 'passport'] as const;

/** A kind of identity document: the mainland resident ID (居民身份证), another country's
 *  identity card (checked by the country's entry in the ID format table), or a passport. */
export type IdType = (typeof ID_TYPES)[number];

/** How another country's identity card number looks once spaces and brackets are removed. */
export interface IdFormat {
  pattern: RegExp;
}

/** Identity card formats of the countries and regions served besides the mainland. A lender
 *  serving more places adds entries here (or passes its own table). */
export const ID_FORMATS: Readonly<Record<string, IdFormat>> = {
  HK: { pattern: /^[A-Z]{1,2}\d{6}[0-9A]$/ },
  MO: { pattern: /^[1578]\d{7}$/ },
  SG: { pattern: /^[STFGM]\d{7}[A-Z]$/ },
};

/** A passport number, any issuing country: letters and digits once spaces are removed. */
const PASSPORT = /^[A-Z0-9]{5,20}$/;

/** How a country's mobile numbers look: the international calling code and the national
 *  number (digits only, no trunk prefix). */
export interface PhoneFormat {
  callingCode: string;
  length: number;
  pattern: RegExp;
}

/** Mobile number formats by country or region (ISO 3166-1 alpha-2). */
export const PHONE_FORMATS: Readonly<Record<string, PhoneFormat>> = {
  CN: { callingCode: '86', length: 11, pattern: /^1[3-9]\d{9}$/ },
  HK: { callingCode: '852', length: 8, pattern: /^[4-9]\d{7}$/ },
  MO: { callingCode: '853', length: 8, pattern: /^6\d{7}$/ },
  SG: { callingCode: '65', length: 8, pattern: /^[89]\d{7}$/ },
};

/** The countries and regions an applicant can live in: those whose phones we can check. */
export const COUNTRIES = Object.keys(PHONE_FORMATS);

/** Full-width digits and letters (typed with a Chinese input method) as their ASCII forms. */
export function toHalfWidth(value: string): string {
  return value.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

// Separators people type inside numbers, and that are safe to drop: spaces (including the
// ideographic one), hyphens and dashes, dots, brackets (HK and MO write the check digit as "(7)").
const SEPARATORS = /[\s\u3000\-\u2010-\u2015.()\uFF08\uFF09]/g;

/** A full name, trimmed with inner spaces collapsed: letters, marks, spaces, apostrophes,
 *  hyphens, full stops and the middle dot of transliterated names (阿卜杜·热合曼). */
export function checkFullName(raw: string, maxLength = 100): CheckResult<NameReason> {
  const value = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (value === '') return { ok: false, reason: 'name-empty' };
  if ([...value].length > maxLength) return { ok: false, reason: 'name-too-long' };
  if (!/^[\p{L}\p{M}][\p{L}\p{M} '’.\-·•・]*$/u.test(value)) {
    return { ok: false, reason: 'name-characters' };
  }
  return { ok: true, value };
}

// First two digits of the region code: provinces, autonomous regions and municipalities, plus
// 71/81/82/83 used on residence permits for people from Taiwan, Hong Kong and Macao.
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

// ISO 7064 MOD 11-2 as GB 11643-1999 states it: weight of position i is 2^(17-i) mod 11, and the
// weighted sum mod 11 picks the check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The check character (0-9 or X) of the first 17 digits of a mainland resident ID. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? '';
}

/** The birth date (YYYY-MM-DD) embedded in a well-formed 18-character resident ID. */
export function birthDateFromResidentId(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** A mainland resident ID: 18 characters, a known province, a real birth date not after
 *  `today` (YYYY-MM-DD) nor before 1900, and the ISO 7064 MOD 11-2 check character. */
export function checkResidentId(raw: string, today?: string): CheckResult {
  const value = toHalfWidth(raw.normalize('NFC')).replace(SEPARATORS, '').toUpperCase();
  if (value === '') return { ok: false, reason: 'id-empty' };
  if (!/^[0-9X]+$/.test(value)) return { ok: false, reason: 'id-characters' };
  if (value.length !== 18) return { ok: false, reason: 'id-length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: 'id-characters' };
  if (!PROVINCES.has(Number(value.slice(0, 2)))) return { ok: false, reason: 'id-region' };
  const birth = birthDateFromResidentId(value);
  if (!isRealDate(birth) || birth < '1900-01-01' || (today !== undefined && birth > today)) {
    return { ok: false, reason: 'id-birth-date' };
  }
  if (residentIdCheckCharacter(value) !== value[17]) {
    return { ok: false, reason: 'id-check-digit' };
  }
  return { ok: true, value };
}

/** Options of the identity number check. */
export interface IdCheckOptions {
  /** Today as YYYY-MM-DD: a birth date in a resident ID may not be later. */
  today?: string;
  /** Identity card formats by country; defaults to ID_FORMATS. */
  formats?: Readonly<Record<string, IdFormat>>;
}

/** An identity number of the given type, issued where the applicant lives (`country`). */
export function checkIdNumber(
  idType: IdType,
  country: string,
  raw: string,
  options: IdCheckOptions = {},
): CheckResult {
  if (idType === 'cn-resident') {
    return country === 'CN'
      ? checkResidentId(raw, options.today)
      : { ok: false, reason: 'id-type-country' };
  }
  const value = toHalfWidth(raw.normalize('NFC')).replace(SEPARATORS, '').toUpperCase();
  if (value === '') return { ok: false, reason: 'id-empty' };
  if (!/^[A-Z0-9]+$/.test(value)) return { ok: false, reason: 'id-characters' };
  if (idType === 'passport') {
    return PASSPORT.test(value) ? { ok: true, value } : { ok: false, reason: 'id-length' };
  }
  const format = (options.formats ?? ID_FORMATS)[country];
  if (!format) return { ok: false, reason: 'id-type-country' };
  return format.pattern.test(value) ? { ok: true, value } : { ok: false, reason: 'id-format' };
}

/** A mobile number of `country`, as the national number in digits: separators, a leading
 *  "+<calling code>" or "00<calling code>" and full-width digits are accepted and removed. */
export function checkPhone(
  country: string,
  raw: string,
  formats: Readonly<Record<string, PhoneFormat>> = PHONE_FORMATS,
): CheckResult<PhoneReason> {
  const format = formats[country];
  if (!format) return { ok: false, reason: 'phone-country' };
  let value = toHalfWidth(raw.normalize('NFC')).replace(SEPARATORS, '');
  if (value === '') return { ok: false, reason: 'phone-empty' };
  const international = [`+${format.callingCode}`, `00${format.callingCode}`].find((prefix) =>
    value.startsWith(prefix),
  );
  if (international && value.length > format.length) value = value.slice(international.length);
  else if (value.startsWith('+')) return { ok: false, reason: 'phone-country' };
  if (!/^\d+$/.test(value)) return { ok: false, reason: 'phone-characters' };
  if (value.length !== format.length) return { ok: false, reason: 'phone-length' };
  if (!format.pattern.test(value)) return { ok: false, reason: 'phone-prefix' };
  return { ok: true, value };
}

/** Whether a YYYY-MM-DD string names a day that exists (no 30 February). */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** Age in whole years on `today` of someone born on `dateOfBirth` (both YYYY-MM-DD). Someone
 *  born on 29 February turns a year older on 1 March in common years. */
export function ageOn(dateOfBirth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return today.slice(5) >= dateOfBirth.slice(5) ? years : years - 1;
}

/** Limits of a plausible applicant's age. */
export interface AgeLimits {
  minAge: number;
  maxAge: number;
}

/** A date of birth (YYYY-MM-DD) that exists, is not after `today`, and gives an age within
 *  the limits (18 to 100 unless told otherwise). */
export function checkDateOfBirth(
  value: string,
  today: string,
  limits: AgeLimits = { minAge: 18, maxAge: 100 },
): CheckResult {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { ok: false, reason: 'dob-format' };
  if (!isRealDate(value)) return { ok: false, reason: 'dob-not-a-date' };
  if (value > today) return { ok: false, reason: 'dob-in-future' };
  const age = ageOn(value, today);
  if (age < limits.minAge) return { ok: false, reason: 'dob-too-young' };
  if (age > limits.maxAge) return { ok: false, reason: 'dob-too-old' };
  return { ok: true, value };
}
