// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { asSentences, ErrorSummary } from '.';

afterEach(cleanup);

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

describe('ErrorSummary focus', () => {
  it('takes focus when shown and gives up its tabindex once focus leaves', () => {
    const { getByRole } = render(
      <>
        <ErrorSummary
          title="There is a problem"
          attempt={1}
          errors={[{ fieldId: 'name', message: 'Enter your full name' }]}
        />
        <input id="name" aria-label="Full name" />
      </>,
    );
    const summary = getByRole('region', { name: 'There is a problem' });
    expect(document.activeElement).toBe(summary);
    expect(summary.getAttribute('tabindex')).toBe('-1');
    getByRole('link', { name: 'Enter your full name' }).click();
    expect(document.activeElement).toBe(getByRole('textbox', { name: 'Full name' }));
    // A later click on the summary cannot focus it (and so draws no focus ring).
    expect(summary.hasAttribute('tabindex')).toBe(false);
    expect(getByRole('textbox', { name: 'Full name' }).hasAttribute('tabindex')).toBe(false);
  });

  it('moves focus to a problem shown as text, which then gives up its tabindex too', () => {
    const { getByRole, getByText } = render(
      <>
        <ErrorSummary
          title="There is a problem"
          attempt={1}
          errors={[{ fieldId: 'send-problem', message: 'It could not be sent' }]}
        />
        <div id="send-problem">It could not be sent</div>
        <button type="button">Send</button>
      </>,
    );
    const problem = getByText('It could not be sent', { selector: 'div' });
    getByRole('link', { name: 'It could not be sent' }).click();
    expect(document.activeElement).toBe(problem);
    getByRole('button', { name: 'Send' }).focus();
    expect(problem.hasAttribute('tabindex')).toBe(false);
  });
});
