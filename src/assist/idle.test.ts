import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimer, IDLE_LIMIT_MS, WARNING_MS } from './idle';

describe('the idle timer on a shared tablet', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-11-28T10:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  const start = () => {
    const onWarn = vi.fn();
    const onTimeout = vi.fn();
    return { timer: createIdleTimer({ onWarn, onTimeout }), onWarn, onTimeout };
  };

  it('gives at least a minute of warning, after five minutes without input', () => {
    expect(IDLE_LIMIT_MS).toBe(5 * 60_000);
    expect(WARNING_MS).toBeGreaterThanOrEqual(60_000);
    const { timer, onWarn, onTimeout } = start();
    vi.advanceTimersByTime(IDLE_LIMIT_MS - 1);
    expect(onWarn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onWarn).toHaveBeenCalledOnce();
    expect(onWarn).toHaveBeenCalledWith(Date.now() + WARNING_MS);
    expect(timer.phase()).toBe('warning');
    vi.advanceTimersByTime(WARNING_MS - 1);
    expect(onTimeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onTimeout).toHaveBeenCalledOnce();
    expect(timer.phase()).toBe('timed-out');
  });

  it('starts the five minutes again on every input', () => {
    const { timer, onWarn } = start();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(IDLE_LIMIT_MS - 1000);
      timer.activity();
    }
    expect(onWarn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(IDLE_LIMIT_MS);
    expect(onWarn).toHaveBeenCalledOnce();
  });

  it('"I need more time" gives another full five minutes, as often as wanted', () => {
    const { timer, onWarn, onTimeout } = start();
    for (let round = 1; round <= 4; round++) {
      vi.advanceTimersByTime(IDLE_LIMIT_MS);
      expect(onWarn).toHaveBeenCalledTimes(round);
      vi.advanceTimersByTime(WARNING_MS - 1);
      timer.extend();
      expect(timer.phase()).toBe('active');
    }
    vi.advanceTimersByTime(IDLE_LIMIT_MS - 1);
    expect(onWarn).toHaveBeenCalledTimes(4);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('is not dismissed by a stray touch while the warning shows', () => {
    const { timer, onTimeout } = start();
    vi.advanceTimersByTime(IDLE_LIMIT_MS);
    timer.activity();
    expect(timer.phase()).toBe('warning');
    vi.advanceTimersByTime(WARNING_MS);
    expect(onTimeout).toHaveBeenCalledOnce();
  });

  it('times out at once when the tablet slept through the whole allowance', () => {
    const { timer, onTimeout } = start();
    // A sleeping tablet runs no timers: the clock jumps without them firing.
    vi.setSystemTime(Date.now() + IDLE_LIMIT_MS + WARNING_MS + 1000);
    timer.activity();
    expect(onTimeout).toHaveBeenCalledOnce();
  });

  it('does nothing more once stopped', () => {
    const { timer, onWarn, onTimeout } = start();
    timer.stop();
    vi.advanceTimersByTime(IDLE_LIMIT_MS + WARNING_MS);
    expect(onWarn).not.toHaveBeenCalled();
    expect(onTimeout).not.toHaveBeenCalled();
  });
});
