// @vitest-environment jsdom
// Send's Idempotency-Key: the draft's own id the first time (two tabs sending one draft send
// one key, and the server answers both with one application), and a new key once the lender
// has refused the application, for the corrected one.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, RECEIPT, stubApi } from '../../../a11y-tests/support/jsdom-api';
import { FULL_DRAFT } from '../../../a11y-tests/support/pages';
import enDeclare from '../../../locales/en/declare.json';
import { Shell } from '../../app/Shell';
import { chooseLanguage, startI18n } from '../../core/i18n';
import { navigate } from '../../core/router';
import type { Answers } from '../answers';
import { currentDraftId, saveAnswers } from '../store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Send on the declaration page', () => {
  beforeAll(async () => {
    await startI18n();
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("sends the draft's id as its key, and a new key after a refusal", async () => {
    const keys: string[] = [];
    const answers = [
      json({ error: { code: 'invalid', message: 'x', field: 'applicant.phone' } }, 422),
      json(RECEIPT, 201),
    ];
    stubApi((url, init) => {
      if (!url.endsWith('/api/applications') || init?.method !== 'POST') {
        throw new TypeError('Failed to fetch');
      }
      keys.push(new Headers(init.headers).get('Idempotency-Key') ?? '');
      const answer = answers.shift();
      if (!answer) throw new Error('sent more than twice');
      return answer;
    });
    await chooseLanguage('en');
    saveAnswers({
      ...FULL_DRAFT,
      teachBackCorrect: true,
      teachBackAttempts: 1,
    } as Partial<Answers>);
    const draftId = currentDraftId();
    navigate('/apply/declaration', { replace: true });
    const { findByRole, findAllByText } = render(<Shell />);
    await findByRole('heading', { level: 1, name: enDeclare.title }, { timeout: 10_000 });

    fireEvent.click(await findByRole('button', { name: enDeclare.send }));
    await findAllByText(enDeclare.refused, {}, { timeout: 10_000 });
    expect(keys).toEqual([draftId]);
    expect(draftId).toMatch(UUID);

    fireEvent.click(await findByRole('button', { name: enDeclare.send }));
    await vi.waitFor(() => expect(keys).toHaveLength(2), { timeout: 10_000 });
    expect(keys[1]).toMatch(UUID);
    expect(keys[1]).not.toBe(draftId);
  });
});
