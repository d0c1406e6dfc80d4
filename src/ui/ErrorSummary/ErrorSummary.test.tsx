// @vitest-environment jsdom
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { asSentences, ErrorSummary } from '.';

describe('asSentences', () => {
  it('ends each English message with a full stop, so they are read as sentences', () => {
    expect(asSentences(['Enter your full name', 'Enter your date of birth'])).toBe(
      'Enter your full name. Enter your date of birth.',
    );
  });

  it('ends a Chinese message with 。', () => {
    expect(asSentences(['请输入您的姓名', '请输入您的出生日期'])).toBe(
      '请输入您的姓名。 请输入您的出生日期。',
    );
  });

  it('keeps punctuation a message already has', () => {
    expect(asSentences(['Is this right?', '金额太大。', 'Done.'])).toBe(
      'Is this right? 金额太大。 Done.',
    );
  });
});

describe('ErrorSummary', () => {
  it('is described by its messages as separate sentences', () => {
    const { getByRole } = render(
      <ErrorSummary
        title="There is a problem"
        attempt={1}
        errors={[
          { fieldId: 'name', message: 'Enter your full name' },
          { fieldId: 'phone', message: 'Enter your mobile phone number' },
        ]}
      />,
    );
    const summary = getByRole('region', { name: 'There is a problem' });
    const describedBy = summary.getAttribute('aria-describedby') ?? '';
    const description = describedBy
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent)
      .join(' ');
    expect(description).toBe('Enter your full name. Enter your mobile phone number.');
    // The links keep the messages as they are on screen.
    expect(getByRole('link', { name: 'Enter your full name' }).getAttribute('href')).toBe('#name');
  });
});
