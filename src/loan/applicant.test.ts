import { describe, expect, it } from 'vitest';
import {
  ageOn,
  birthDateFromResidentId,
  checkDateOfBirth,
  checkFullName,
  checkIdNumber,
  checkPhone,
  checkResidentId,
  isRealDate,
  residentIdCheckCharacter,
  toHalfWidth,
} from './applicant';

// ISO 7064 MOD 11-2 by its recursive definition (not the weight table the code uses), so
// the test is an independent computation: p ← 2·(p + digit) mod 11 over the 17 digits, and
// the check value c makes (p + c) mod 11 = 1, with 10 written X.
function iso7064(first17: string): string {
  let p = 0;
  for (const digit of first17) p = (2 * (p + Number(digit))) % 11;
  const c = (12 - p) % 11;
  return c === 10 ? 'X' : String(c);
}

function residentId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + iso7064(first17);
}

describe('mainland resident ID', () => {
  it('accepts the example printed in GB 11643-1999', () => {
    expect(checkResidentId('11010519491231002X')).toEqual({
      ok: true,
      value: '11010519491231002X',
    });
  });

  it('agrees with the recursive ISO 7064 definition on many IDs', () => {
    const regions = ['110105', '310104', '440305', '510107', '650102', '820000'];
    const births = ['19400229', '19491231', '19700101', '19851020', '20000229', '20070615'];
    let seen = 0;
    for (const region of regions) {
      for (const birth of births) {
        for (let n = 0; n < 1000; n += 37) {
          const id = residentId(region, birth, String(n).padStart(3, '0'));
          expect(residentIdCheckCharacter(id.slice(0, 17))).toBe(id[17]);
          expect(checkResidentId(id, '2025-06-01')).toEqual({ ok: true, value: id });
          seen++;
        }
      }
    }
    expect(seen).toBeGreaterThan(900);
  });

  it('produces every check character, X included', () => {
    const characters = new Set<string>();
    for (let n = 0; n < 200; n++) {
      characters.add(iso7064(`3101041985102${String(n).padStart(4, '0')}`));
    }
    expect([...characters].sort()).toEqual([...'0123456789X'].sort());
  });

  it('refuses a wrong check character', () => {
    const id = residentId('440305', '19851020', '123');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(checkResidentId(wrong)).toEqual({ ok: false, reason: 'id-check-digit' });
  });

  it('refuses a swap of two neighbouring digits', () => {
    const id = residentId('440305', '19851020', '123');
    const swapped = `${id.slice(0, 14)}${id[15]}${id[14]}${id.slice(16)}`;
    expect(swapped).not.toBe(id);
    expect(checkResidentId(swapped)).toEqual({ ok: false, reason: 'id-check-digit' });
  });

  it('refuses a birth date that does not exist, even with a correct check character', () => {
    expect(checkResidentId(residentId('110105', '19490230', '002'))).toEqual({
      ok: false,
      reason: 'id-birth-date',
    });
    expect(checkResidentId(residentId('110105', '19491301', '002'))).toEqual({
      ok: false,
      reason: 'id-birth-date',
    });
    expect(checkResidentId(residentId('110105', '18991231', '002'))).toEqual({
      ok: false,
      reason: 'id-birth-date',
    });
  });

  it('refuses a birth date after today', () => {
    const id = residentId('110105', '20250602', '002');
    expect(checkResidentId(id, '2025-06-01')).toEqual({ ok: false, reason: 'id-birth-date' });
    expect(checkResidentId(id, '2025-06-02').ok).toBe(true);
  });

  it('accepts 29 February only in leap years', () => {
    expect(checkResidentId(residentId('110105', '20000229', '002')).ok).toBe(true);
    expect(checkResidentId(residentId('110105', '19000229', '002'))).toEqual({
      ok: false,
      reason: 'id-birth-date',
    });
  });

  it('refuses an unknown province', () => {
    expect(checkResidentId(residentId('990105', '19491231', '002'))).toEqual({
      ok: false,
      reason: 'id-region',
    });
  });

  it('says when the length or the characters are wrong', () => {
    expect(checkResidentId('')).toEqual({ ok: false, reason: 'id-empty' });
    expect(checkResidentId('11010519491231002')).toEqual({ ok: false, reason: 'id-length' });
    expect(checkResidentId('11010519491231002X1')).toEqual({ ok: false, reason: 'id-length' });
    expect(checkResidentId('1101051949123100A2')).toEqual({ ok: false, reason: 'id-characters' });
    expect(checkResidentId('X10105194912310021')).toEqual({ ok: false, reason: 'id-characters' });
  });

  it('reads the ID as people type it: spaces, lower-case x, full-width digits', () => {
    const clean = { ok: true, value: '11010519491231002X' };
    expect(checkResidentId(' 110105 19491231 002x ')).toEqual(clean);
    expect(checkResidentId('１１０１０５１９４９１２３１００２Ｘ')).toEqual(clean);
    expect(checkResidentId('110105-19491231-002X')).toEqual(clean);
  });

  it('gives the birth date inside an ID', () => {
    expect(birthDateFromResidentId('11010519491231002X')).toBe('1949-12-31');
  });
});

describe('identity numbers by type and country', () => {
  it('takes the mainland resident ID only for the mainland', () => {
    expect(checkIdNumber('cn-resident', 'CN', '11010519491231002X').ok).toBe(true);
    expect(checkIdNumber('cn-resident', 'HK', '11010519491231002X')).toEqual({
      ok: false,
      reason: 'id-type-country',
    });
  });

  it('checks other identity cards by the country table', () => {
    expect(checkIdNumber('national-id', 'HK', 'A123456(7)')).toEqual({
      ok: true,
      value: 'A1234567',
    });
    expect(checkIdNumber('national-id', 'SG', 's1234567d')).toEqual({
      ok: true,
      value: 'S1234567D',
    });
    expect(checkIdNumber('national-id', 'SG', 'S123456D')).toEqual({
      ok: false,
      reason: 'id-format',
    });
    expect(checkIdNumber('national-id', 'CN', '11010519491231002X')).toEqual({
      ok: false,
      reason: 'id-type-country',
    });
  });

  it('takes a table of its own', () => {
    const formats = { XX: { pattern: /^\d{4}$/ } };
    expect(checkIdNumber('national-id', 'XX', '1234', { formats }).ok).toBe(true);
    expect(checkIdNumber('national-id', 'HK', 'A1234567', { formats })).toEqual({
      ok: false,
      reason: 'id-type-country',
    });
  });

  it('checks passports loosely, any country', () => {
    expect(checkIdNumber('passport', 'CN', 'e 1234 5678')).toEqual({
      ok: true,
      value: 'E12345678',
    });
    expect(checkIdNumber('passport', 'CN', 'E12')).toEqual({ ok: false, reason: 'id-length' });
    expect(checkIdNumber('passport', 'CN', 'E1234567*')).toEqual({
      ok: false,
      reason: 'id-characters',
    });
    expect(checkIdNumber('passport', 'CN', '  ')).toEqual({ ok: false, reason: 'id-empty' });
  });
});

describe('mobile phone numbers', () => {
  it('accepts mainland mobiles as people write them', () => {
    for (const written of [
      '13812345678',
      '138 1234 5678',
      '138-1234-5678',
      '+86 138 1234 5678',
      '008613812345678',
      '１３８１２３４５６７８',
      '(138) 1234 5678',
    ]) {
      expect(checkPhone('CN', written)).toEqual({ ok: true, value: '13812345678' });
    }
  });

  it('says what is wrong with a mainland mobile', () => {
    expect(checkPhone('CN', '')).toEqual({ ok: false, reason: 'phone-empty' });
    expect(checkPhone('CN', '1381234567')).toEqual({ ok: false, reason: 'phone-length' });
    expect(checkPhone('CN', '138123456789')).toEqual({ ok: false, reason: 'phone-length' });
    expect(checkPhone('CN', '12812345678')).toEqual({ ok: false, reason: 'phone-prefix' });
    expect(checkPhone('CN', '23812345678')).toEqual({ ok: false, reason: 'phone-prefix' });
    expect(checkPhone('CN', '1381234567a')).toEqual({ ok: false, reason: 'phone-characters' });
    expect(checkPhone('CN', '+44 7700 900123')).toEqual({ ok: false, reason: 'phone-country' });
  });

  it('checks other places by the table, and refuses places not in it', () => {
    expect(checkPhone('HK', '+852 9123 4567')).toEqual({ ok: true, value: '91234567' });
    expect(checkPhone('HK', '1234 5678')).toEqual({ ok: false, reason: 'phone-prefix' });
    expect(checkPhone('SG', '8123 456')).toEqual({ ok: false, reason: 'phone-length' });
    expect(checkPhone('FR', '0612345678')).toEqual({ ok: false, reason: 'phone-country' });
  });
});

describe('dates of birth', () => {
  const today = '2025-06-01';

  it('accepts a real date giving an age from 18 to 100', () => {
    expect(checkDateOfBirth('1949-12-31', today)).toEqual({ ok: true, value: '1949-12-31' });
    expect(checkDateOfBirth('2007-06-01', today).ok).toBe(true);
    expect(checkDateOfBirth('1924-06-02', today).ok).toBe(true);
  });

  it('says exactly what is wrong', () => {
    expect(checkDateOfBirth('31/12/1949', today)).toEqual({ ok: false, reason: 'dob-format' });
    expect(checkDateOfBirth('1949-2-3', today)).toEqual({ ok: false, reason: 'dob-format' });
    expect(checkDateOfBirth('1949-02-30', today)).toEqual({ ok: false, reason: 'dob-not-a-date' });
    expect(checkDateOfBirth('1949-13-01', today)).toEqual({ ok: false, reason: 'dob-not-a-date' });
    expect(checkDateOfBirth('2025-06-02', today)).toEqual({ ok: false, reason: 'dob-in-future' });
    expect(checkDateOfBirth('2007-06-02', today)).toEqual({ ok: false, reason: 'dob-too-young' });
    expect(checkDateOfBirth('1924-06-01', today)).toEqual({ ok: false, reason: 'dob-too-old' });
  });

  it('counts ages in whole years, a 29 February birthday moving to 1 March', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('2000-02-29', '2020-02-29')).toBe(20);
    expect(ageOn('1949-12-31', '2025-12-30')).toBe(75);
    expect(ageOn('1949-12-31', '2025-12-31')).toBe(76);
  });

  it('knows which days exist', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('2100-02-29')).toBe(false);
    expect(isRealDate('2023-04-31')).toBe(false);
    expect(isRealDate('2023-00-10')).toBe(false);
  });
});

describe('full names', () => {
  it('accepts names in Chinese, Latin letters and transliteration', () => {
    for (const name of [
      '王小明',
      'Mary-Jane O’Neil',
      'José Álvarez',
      '阿卜杜·热合曼',
      'J. R. Smith',
    ]) {
      expect(checkFullName(name)).toEqual({ ok: true, value: name });
    }
  });

  it('trims, collapses spaces and composes characters (NFC)', () => {
    expect(checkFullName('  Ana   María\u3000 ')).toEqual({ ok: true, value: 'Ana María' });
    expect(checkFullName('Jose\u0301')).toEqual({ ok: true, value: 'José' });
  });

  it('refuses empty, overlong and non-name text', () => {
    expect(checkFullName('   ')).toEqual({ ok: false, reason: 'name-empty' });
    expect(checkFullName('王'.repeat(101))).toEqual({ ok: false, reason: 'name-too-long' });
    expect(checkFullName('<script>')).toEqual({ ok: false, reason: 'name-characters' });
    expect(checkFullName('Ann 2')).toEqual({ ok: false, reason: 'name-characters' });
    expect(checkFullName('-Ann')).toEqual({ ok: false, reason: 'name-characters' });
  });
});

it('turns full-width digits and letters into ASCII', () => {
  expect(toHalfWidth('１２ＡＢｃ')).toBe('12ABc');
});
