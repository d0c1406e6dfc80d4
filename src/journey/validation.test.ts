import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../loan/applicant';
import { emptyAnswers } from './answers';
import { validateAboutYou, validateSafety, validateTrustedContact } from './validation';

const limits = { minAge: 18, maxAge: 70 };
const today = '2026-11-28';

/** A valid resident ID for a birth date, with its check character computed. */
function residentId(birth: string): string {
  const first17 = `110105${birth.replaceAll('-', '')}123`;
  return first17 + residentIdCheckCharacter(first17);
}

const good = {
  ...emptyAnswers(),
  fullName: '王秀英',
  dobDay: '27',
  dobMonth: '3',
  dobYear: '1958',
  idNumber: residentId('1958-03-27'),
  phone: '138 0013 8000',
};

describe('About you', () => {
  it('accepts a real person written as people write', () => {
    expect(validateAboutYou(good, limits, today)).toEqual([]);
    expect(validateAboutYou({ ...good, phone: '+86 13800138000' }, limits, today)).toEqual([]);
  });

  it('says exactly what is wrong with each field', () => {
    const codes = (change: Partial<typeof good>) =>
      validateAboutYou({ ...good, ...change }, limits, today).map((e) => `${e.field}:${e.code}`);
    expect(codes({ fullName: '  ' })).toEqual(['full-name:name-empty']);
    expect(codes({ dobDay: '', dobMonth: '', dobYear: '' })).toContain('dob:dob-empty');
    expect(codes({ dobMonth: '' })).toContain('dob:dob-incomplete');
    expect(codes({ dobDay: '31', dobMonth: '2' })).toContain('dob:dob-not-a-date');
    expect(codes({ dobYear: '58' })).toContain('dob:dob-format');
    expect(codes({ dobYear: '2015', idNumber: residentId('2015-03-27') })).toEqual([
      'dob:dob-too-young',
    ]);
    expect(codes({ dobYear: '1940', idNumber: residentId('1940-03-27') })).toEqual([
      'dob:dob-too-old',
    ]);
    expect(codes({ idNumber: '1101051958032712' })).toEqual(['id-number:id-length']);
    const wrongCheck = `${good.idNumber.slice(0, 17)}${good.idNumber[17] === '0' ? '1' : '0'}`;
    expect(codes({ idNumber: wrongCheck })).toEqual(['id-number:id-check-digit']);
    expect(codes({ idNumber: residentId('1960-01-01') })).toEqual([
      'id-number:id-birth-date-mismatch',
    ]);
    expect(codes({ phone: '1380013800' })).toEqual(['phone:phone-length']);
    expect(codes({ phone: '12800138000' })).toEqual(['phone:phone-prefix']);
  });
});

describe('Trusted contact', () => {
  it('skipping needs nothing', () => {
    expect(validateTrustedContact({ ...good, contactChoice: 'skip' })).toEqual([]);
  });
  it('adding someone needs their name, phone and relationship, and not our own phone', () => {
    const add = { ...good, contactChoice: 'add' as const };
    expect(validateTrustedContact(add).map((e) => e.field)).toEqual([
      'contact-name',
      'contact-phone',
      'contact-relationship',
    ]);
    const filled = {
      ...add,
      contactName: '李明',
      contactPhone: '13900139000',
      contactRelationship: '儿子',
    };
    expect(validateTrustedContact(filled)).toEqual([]);
    expect(validateTrustedContact({ ...filled, contactPhone: good.phone })[0]?.code).toBe(
      'contact-same-phone',
    );
  });
});

describe('Safety', () => {
  it('must be answered', () => {
    expect(validateSafety(good)).toHaveLength(1);
    expect(validateSafety({ ...good, pressured: 'no' })).toEqual([]);
  });
});
