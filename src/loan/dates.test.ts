import { describe, expect, it } from 'vitest';
import { formatDate, formatMoment } from './dates';

describe('formatDate', () => {
  it('writes English day, month as a word, year, and Chinese 年月日', () => {
    const day = new Date(Date.UTC(2026, 11, 21));
    expect(formatDate(day, 'en', 'UTC')).toBe('21 December 2026');
    expect(formatDate(day, 'zh-CN', 'UTC')).toBe('2026年12月21日');
    const born = new Date(Date.UTC(1963, 7, 15));
    expect(formatDate(born, 'en', 'UTC')).toBe('15 August 1963');
    expect(formatDate(born, 'zh-CN', 'UTC')).toBe('1963年8月15日');
  });

  it('writes the day in the time zone asked for', () => {
    // 23:30 UTC on 20 December is already 21 December in Shanghai.
    const late = new Date(Date.UTC(2026, 11, 20, 23, 30));
    expect(formatDate(late, 'en', 'UTC')).toBe('20 December 2026');
    expect(formatDate(late, 'en', 'Asia/Shanghai')).toBe('21 December 2026');
  });
});

describe('formatMoment', () => {
  const moment = new Date(2026, 11, 21, 15, 5);

  it('writes the date as formatDate does, then a 12-hour clock in English, 24 in Chinese', () => {
    expect(formatMoment(moment, 'en')).toBe('21 December 2026 at 3:05 pm');
    expect(formatMoment(moment, 'zh-CN')).toBe('2026年12月21日 15:05');
  });

  it('writes the time alone when asked', () => {
    expect(formatMoment(moment, 'en', false)).toBe('3:05 pm');
    expect(formatMoment(moment, 'zh-CN', false)).toBe('15:05');
  });
});
