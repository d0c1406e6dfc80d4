import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from './applicant';
import { idNumberGroups, readIdCard } from './id-card';

// A made-up person; the check character is computed, not copied.
const FIRST17 = '31010419680315123';
const ID = FIRST17 + residentIdCheckCharacter(FIRST17);
const WRONG_CHECK = FIRST17 + (residentIdCheckCharacter(FIRST17) === '0' ? '1' : '0');

function card(overrides: { name?: string; birth?: string; id?: string } = {}): string[] {
  return [
    `姓名 ${overrides.name ?? '王秀英'}`,
    '性别 女 民族 汉',
    `出生 ${overrides.birth ?? '1968 年 3 月 15 日'}`,
    '住址 上海市黄浦区中山东一路 1 号',
    `公民身份号码 ${overrides.id ?? ID}`,
  ];
}

describe('reading a resident ID card', () => {
  it('fills in name, date of birth and ID number when all agree', () => {
    expect(readIdCard(card(), '2026-12-07')).toEqual({
      fullName: '王秀英',
      dateOfBirth: { year: '1968', month: '3', day: '15' },
      idNumber: ID,
      unclear: [],
    });
  });

  it('reads spaced-out characters, full-width digits and look-alike letters', () => {
    const spaced = ID.replace(/(\d{6})(\d{8})/, '$1 $2 ').replace(/0/g, 'O');
    const reading = readIdCard(
      card({ name: '王 秀 英', birth: '１９６８年０３月１５日', id: spaced }),
      '2026-12-07',
    );
    expect(reading).toMatchObject({ fullName: '王秀英', idNumber: ID, unclear: [] });
    expect(reading.dateOfBirth).toEqual({ year: '1968', month: '3', day: '15' });
  });

  it('ignores the quote marks a reader sees between a label and its value', () => {
    const lines = ['姓名 ” 王 秀 英', '出 生 “1968 年 3 月 15 日', `公民 身份 号 码 ${ID}`];
    expect(readIdCard(lines)).toMatchObject({ fullName: '王秀英', idNumber: ID, unclear: [] });
  });

  it('leaves the ID number for typing when its check character is wrong', () => {
    const reading = readIdCard(card({ id: WRONG_CHECK }));
    expect(reading.idNumber).toBeUndefined();
    expect(reading.unclear).toEqual(['id-number']);
    expect(reading.fullName).toBe('王秀英');
  });

  it('leaves both ID number and date when the date inside the number is not the one printed', () => {
    // One of the two was misread (a reader dropping a 1 from "11 日" does this), and nothing
    // says which: a wrong date must not be filled in any more than a wrong number.
    const reading = readIdCard(card({ birth: '1968 年 3 月 16 日' }));
    expect(reading.idNumber).toBeUndefined();
    expect(reading.dateOfBirth).toBeUndefined();
    expect(reading.unclear).toEqual(['dob', 'id-number']);
  });

  it('leaves the ID number when the date of birth could not be read', () => {
    const reading = readIdCard(card({ birth: '1968 午 3 目 15' }));
    expect(reading.idNumber).toBeUndefined();
    expect(reading.unclear).toEqual(['dob', 'id-number']);
  });

  it('says every field is unclear for a picture with no card in it', () => {
    expect(readIdCard([])).toEqual({ unclear: ['full-name', 'dob', 'id-number'] });
    expect(readIdCard(['收据', '合计 35.00'])).toEqual({
      unclear: ['full-name', 'dob', 'id-number'],
    });
  });

  it('refuses a name with stray marks or Latin letters in it', () => {
    expect(readIdCard(card({ name: '王秀英1' })).unclear).toContain('full-name');
    expect(readIdCard(card({ name: 'Wang' })).unclear).toContain('full-name');
  });

  it('keeps a transliterated name with its middle dot', () => {
    expect(readIdCard(card({ name: '阿卜杜·热合曼' })).fullName).toBe('阿卜杜·热合曼');
  });

  it('trusts neither of two different numbers that both pass their check', () => {
    const other17 = '11010519491231002';
    const other = other17 + residentIdCheckCharacter(other17);
    const lines = [...card(), other];
    expect(readIdCard(lines).idNumber).toBeUndefined();
  });

  it('refuses an ID number whose birth date is after today', () => {
    expect(readIdCard(card(), '1960-01-01').idNumber).toBeUndefined();
  });

  it('groups an ID number as region, birth date and the rest', () => {
    expect(idNumberGroups('11010519491231002X')).toEqual(['110105', '19491231', '002X']);
    expect(idNumberGroups('123')).toEqual(['123']);
  });
});

describe('the ID number hint', () => {
  it('says the number is on the side of the card with the photo, in both languages', () => {
    const hint = (lang: string) =>
      JSON.parse(readFileSync(`locales/${lang}/about.json`, 'utf8')).idNumber.hint as string;
    expect(hint('en')).toMatch(/side of your ID card with your photo/);
    expect(hint('en')).not.toMatch(/back/);
    expect(hint('zh-CN')).toMatch(/照片/);
    expect(hint('zh-CN')).not.toMatch(/背面/);
  });
});
