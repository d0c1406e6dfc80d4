// @vitest-environment jsdom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import en from '../../../locales/en/about.json';
import { chooseLanguage, loadAllStrings } from '../../core/i18n';
import { announcement } from '../../core/page';
import { guidanceControls } from '../../core/page-script';
import type { CardReading } from '../../loan/id-card';
import { CardFill, spelledIdNumber } from './CardFill';

// The reader itself (WebAssembly in a worker) runs in the browser tests; here it is a stand-in
// that answers what it is told to, so the page's part is tested alone.
const reading = vi.hoisted(() => ({ next: null as null | Record<string, unknown> }));
vi.mock('./card-reader', () => ({
  startCardReader: async (onProgress: (share: number) => void) => {
    onProgress(1);
    return { read: async () => reading.next, close: async () => undefined };
  },
}));

const ID = '11010519491231002X';

beforeAll(async () => {
  await chooseLanguage('en');
  await loadAllStrings();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function choosePhoto(container: Element) {
  const input = container.querySelector('input[type="file"]') as HTMLInputElement;
  const file = new File(['not really a picture'], 'card.png', { type: 'image/png' });
  fireEvent.change(input, { target: { files: [file] } });
}

describe('Fill in from your ID card', () => {
  it('hands the page what was read, reads it back with the ID number spelled in groups, and says what to type', async () => {
    reading.next = {
      fullName: '王秀英',
      idNumber: ID,
      unclear: ['dob'],
      sawCard: true,
    };
    // Spoken guidance is on: what a screen reader hears, the voice says too.
    const say = vi.fn<(text: string) => void>();
    guidanceControls.value = { readPage: vi.fn(), stop: vi.fn(), say };
    const onRead = vi.fn<(r: CardReading) => void>();
    const { container, findByTestId } = render(<CardFill today="2026-12-07" onRead={onRead} />);
    choosePhoto(container);
    const result = await findByTestId('card-result');
    expect(onRead).toHaveBeenCalledTimes(1);
    expect(onRead.mock.calls[0]?.[0]).toMatchObject({ fullName: '王秀英', idNumber: ID });
    expect(result.textContent).toContain('ID card number: 110105 19491231 002X');
    expect(result.textContent).toContain(en.card.unclear.dob);
    expect(spelledIdNumber(ID)).toBe('1 1 0 1 0 5, 1 9 4 9 1 2 3 1, 0 0 2 X');
    await waitFor(() =>
      expect(announcement.value).toContain(`ID card number: ${spelledIdNumber(ID)}`),
    );
    expect(announcement.value).toContain('Full name: 王秀英');
    expect(announcement.value).toContain(en.card.unclear.dob);
    expect(document.activeElement?.textContent).toBe(en.card.done.title);
    expect(say.mock.calls.at(-1)?.[0]).toBe(announcement.value);
    guidanceControls.value = null;
  });

  it('says it could not read the card when nothing was read', async () => {
    reading.next = { unclear: ['full-name', 'dob', 'id-number'], sawCard: false };
    const onRead = vi.fn();
    const { container, findByTestId } = render(<CardFill today="2026-12-07" onRead={onRead} />);
    choosePhoto(container);
    expect((await findByTestId('card-result')).textContent).toBe(en.card.nothingRead);
  });

  it('says why before the camera is asked for, and says how to go on when it is refused', async () => {
    const getUserMedia = vi.fn(async () => {
      throw new DOMException('Permission denied', 'NotAllowedError');
    });
    vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getUserMedia } });
    const { getByRole, findByRole } = render(<CardFill today="2026-12-07" onRead={vi.fn()} />);
    fireEvent.click(getByRole('button', { name: en.card.useCamera }));
    const why = await findByRole('heading', { name: en.card.explain.title });
    expect(document.activeElement).toBe(why);
    expect(getUserMedia).not.toHaveBeenCalled();
    fireEvent.click(getByRole('button', { name: en.card.explain.start }));
    const refused = await findByRole('heading', { name: en.card.refused });
    await waitFor(() => expect(document.activeElement).toBe(refused));
    expect(getUserMedia).toHaveBeenCalledTimes(1);
    expect(getByRole('button', { name: en.card.choosePhoto })).toBeTruthy();
  });
});
