import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearDraft, loadDraft, saveDraft } from './draft';
import { closeVault, database } from './vault';

const DRAFT = {
  draftId: 'draft-1',
  answers: { fullName: '王秀英', idNumber: '110105196803271235' },
  lastPath: '/apply/income',
  savedAt: 1,
};

afterEach(async () => {
  vi.restoreAllMocks();
  await clearDraft();
  await closeVault();
});

describe('the saved draft', () => {
  it('comes back as it was saved, with the page the applicant left', async () => {
    expect(await saveDraft(DRAFT)).toBe('saved');
    expect(await loadDraft()).toEqual(DRAFT);
  });

  it('is sealed: nothing personal is readable in storage', async () => {
    await saveDraft(DRAFT);
    const db = await database();
    const record = await db.get('drafts', 'current');
    const raw = `${JSON.stringify(record)}${new TextDecoder().decode(record?.data)}`;
    expect(raw).not.toContain('王秀英');
    expect(raw).not.toContain('110105');
  });

  it('says so when the device is full, and keeps the earlier draft', async () => {
    await saveDraft(DRAFT);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    expect(await saveDraft({ ...DRAFT, answers: { fullName: 'x' } })).toBe('quota');
    vi.restoreAllMocks();
    expect(await loadDraft()).toEqual(DRAFT);
  });

  it('is gone once cleared', async () => {
    await saveDraft(DRAFT);
    await clearDraft();
    expect(await loadDraft()).toBeNull();
  });
});
