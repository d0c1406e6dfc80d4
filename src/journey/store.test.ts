// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { navigate } from '../core/router';
import { clearDraft, loadDraft } from '../storage/draft';
import { JourneyStore, SAVE_DELAY_MS } from './store';

const made: JourneyStore[] = [];

/** A store of the test's own, disposed after the test. */
function freshStore(): JourneyStore {
  const store = new JourneyStore();
  made.push(store);
  return store;
}

async function savedAmount(): Promise<string | undefined> {
  return ((await loadDraft())?.answers as { amountText?: string } | undefined)?.amountText;
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

beforeEach(async () => {
  window.scrollTo = () => undefined;
  navigate('/');
  await clearDraft();
});

afterEach(() => {
  for (const store of made.splice(0)) store[Symbol.dispose]();
});

describe('JourneyStore', () => {
  it('gives each instance answers of its own', () => {
    const one = freshStore();
    const two = freshStore();
    one.saveAnswers({ amountText: '12,500' });
    expect(one.answers.value.amountText).toBe('12,500');
    expect(two.answers.value.amountText).toBe('');
    expect(one.hasAnswers()).toBe(true);
    expect(two.hasAnswers()).toBe(false);
    expect(one.currentDraftId()).not.toBe(two.currentDraftId());
  });

  it('keeps a draft on the device that a fresh store restores', async () => {
    const first = freshStore();
    await first.restoreAnswers();
    navigate('/apply/amount');
    first.saveAnswers({ amountText: '8,000' });
    await first.flushDraft();

    // A later visit, opened at Welcome.
    navigate('/');
    const second = freshStore();
    await second.restoreAnswers();
    expect(second.answers.value.amountText).toBe('8,000');
    expect(second.currentDraftId()).toBe(first.currentDraftId());
    expect(second.draftForTransfer().path).toBe('/apply/amount');
  });

  it('saves typing after the pause, not at each keystroke, on a journey page', async () => {
    const store = freshStore();
    await store.restoreAnswers();
    navigate('/apply/amount');
    store.saveAnswers({ amountText: '1' });
    await wait(SAVE_DELAY_MS / 2);
    expect(await savedAmount()).toBeUndefined();
    await wait(SAVE_DELAY_MS);
    expect(await savedAmount()).toBe('1');
  });

  it('saves at once when the person moves to another journey page', async () => {
    const store = freshStore();
    await store.restoreAnswers();
    navigate('/apply/amount');
    store.saveAnswers({ amountText: '2' });
    navigate('/apply/term');
    await store.flushDraft();
    expect(await savedAmount()).toBe('2');
    expect(store.draftForTransfer().path).toBe('/apply/term');
  });

  it('stops keeping the draft once disposed', async () => {
    const store = freshStore();
    await store.restoreAnswers();
    navigate('/apply/amount');
    store.saveAnswers({ amountText: '3' });
    store[Symbol.dispose]();
    // Neither the waiting save nor a move to another page writes it any more.
    navigate('/apply/term');
    await wait(SAVE_DELAY_MS * 2);
    expect(await savedAmount()).toBeUndefined();
  });
});
