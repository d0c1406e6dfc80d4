import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTask } from './next-task';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('nextTask', () => {
  it('without a scheduler, resolves in a timer task, not among the current microtasks', async () => {
    vi.stubGlobal('scheduler', undefined);
    vi.useFakeTimers();
    let isDone = false;
    const waiting = nextTask().then(() => {
      isDone = true;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(isDone).toBe(false);
    vi.runAllTimers();
    await waiting;
    expect(isDone).toBe(true);
  });

  it('uses scheduler.yield where the browser has it', async () => {
    const yieldToBrowser = vi.fn(() => Promise.resolve());
    vi.stubGlobal('scheduler', { yield: yieldToBrowser });
    vi.useFakeTimers();
    await nextTask();
    expect(yieldToBrowser).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
