import { afterEach, describe, expect, it, vi } from 'vitest';
import { inTurn, nextTask } from './next-task';

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

describe('inTurn', () => {
  /** Lets every waiting microtask run. */
  const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };

  it('starts each job a task after the one before, and gives their results in order', async () => {
    vi.stubGlobal('scheduler', undefined);
    vi.useFakeTimers();
    const started: string[] = [];
    const job = (name: string) => () => {
      started.push(name);
      return name.toUpperCase();
    };
    const all = inTurn(job('code'), job('strings'), async () => {
      started.push('data');
      return 3;
    });
    await settle();
    expect(started).toEqual(['code']);
    vi.advanceTimersToNextTimer();
    await settle();
    expect(started).toEqual(['code', 'strings']);
    vi.advanceTimersToNextTimer();
    await settle();
    expect(started).toEqual(['code', 'strings', 'data']);
    await expect(all).resolves.toEqual(['CODE', 'STRINGS', 3]);
  });

  it('fails with the first job that fails, and leaves no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const offline = new Error('offline');
      const all = inTurn(
        () => Promise.reject(offline),
        () => new Promise<string>((done) => setTimeout(() => done('late'), 20)),
      );
      const failure = all.catch((error: unknown) => error);
      // The first job has failed while the second still runs.
      await new Promise((done) => setTimeout(done, 30));
      expect(await failure).toBe(offline);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
