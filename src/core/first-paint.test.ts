// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';

type Callback = () => void;

/** A browser whose paint timing the test controls: `paint()` reports the first contentful
 *  paint as presented, as Chromium does a frame or more after the paint's task. */
function fakeBrowser({ supportsPaint = true } = {}) {
  let presented = false;
  const observers: Callback[] = [];
  vi.stubGlobal(
    'PerformanceObserver',
    class {
      static supportedEntryTypes = supportsPaint ? ['paint', 'mark'] : ['mark'];
      constructor(private readonly callback: Callback) {}
      observe() {
        observers.push(this.callback);
      }
      disconnect() {
        observers.splice(observers.indexOf(this.callback), 1);
      }
    },
  );
  vi.spyOn(performance, 'getEntriesByName').mockImplementation((name: string) =>
    name === 'first-contentful-paint' && presented ? ([{}] as PerformanceEntryList) : [],
  );
  vi.stubGlobal('requestAnimationFrame', (frame: Callback) => setTimeout(frame, 16));
  return {
    paint() {
      presented = true;
      for (const observer of [...observers]) observer();
    },
  };
}

/** firstPaintShown from a fresh copy of the module (its promise is one per visit), with
 *  whether it has resolved yet. */
async function watchFirstPaint() {
  vi.resetModules();
  const { firstPaintShown } = await import('./first-paint');
  const state = { shown: false };
  void firstPaintShown().then(() => {
    state.shown = true;
  });
  return state;
}

describe('firstPaintShown', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('waits for the first paint to be presented, not for the frame before it', async () => {
    vi.useFakeTimers();
    const browser = fakeBrowser();
    const state = await watchFirstPaint();
    await vi.advanceTimersByTimeAsync(100);
    expect(state.shown).toBe(false);
    browser.paint();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.shown).toBe(true);
  });

  it('is at once when the paint was presented already, and the same promise after', async () => {
    const browser = fakeBrowser();
    browser.paint();
    vi.resetModules();
    const { firstPaintShown } = await import('./first-paint');
    await expect(firstPaintShown()).resolves.toBeUndefined();
    expect(firstPaintShown()).toBe(firstPaintShown());
  });

  it('gives up waiting a while after a frame when no paint is reported (a page in the background)', async () => {
    vi.useFakeTimers();
    fakeBrowser();
    const state = await watchFirstPaint();
    await vi.advanceTimersByTimeAsync(400);
    expect(state.shown).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(state.shown).toBe(true);
  });

  it('takes a frame and a task where the browser has no paint timing', async () => {
    vi.useFakeTimers();
    fakeBrowser({ supportsPaint: false });
    const state = await watchFirstPaint();
    await vi.advanceTimersByTimeAsync(10);
    expect(state.shown).toBe(false);
    await vi.advanceTimersByTimeAsync(10);
    expect(state.shown).toBe(true);
  });
});
