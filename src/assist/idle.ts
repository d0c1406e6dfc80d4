// The idle rule on a shared tablet, apart from any view so fake timers can test it.

/** How long without any input before the warning shows. */
export const IDLE_LIMIT_MS = 5 * 60_000;
/** How long the warning stays before the application is put away (WCAG 2.2.1 asks for at
 *  least 20 seconds; a senior reading at 200% text is given two minutes). */
export const WARNING_MS = 2 * 60_000;
/** The inputs that count as someone still being there. */
export const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

/** Where the idle timer is. */
export type IdlePhase = 'active' | 'warning' | 'timed-out';

/** What the idle timer tells its owner. */
export interface IdleCallbacks {
  onWarn: (until: number) => void;
  onTimeout: () => void;
}

/** The idle timer: `activity()` on any input, `extend()` for "I need more time". */
export interface IdleTimer {
  readonly phase: () => IdlePhase;
  activity: () => void;
  extend: () => void;
  stop: () => void;
}

/** Starts counting from now: after IDLE_LIMIT_MS without activity it warns, and WARNING_MS
 *  later, unless extended, it times out. While the warning shows, only `extend()` (a tap on
 *  "I need more time") counts: a stray touch elsewhere does not silently dismiss it. */
export function createIdleTimer(
  callbacks: IdleCallbacks,
  limits: { idleMs?: number; warningMs?: number } = {},
): IdleTimer {
  const idleMs = limits.idleMs ?? IDLE_LIMIT_MS;
  const warningMs = limits.warningMs ?? WARNING_MS;
  let phase: IdlePhase = 'active';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastActivity = Date.now();

  const timeOut = () => {
    clearTimeout(timer);
    phase = 'timed-out';
    callbacks.onTimeout();
  };
  const warn = () => {
    phase = 'warning';
    const until = Date.now() + warningMs;
    timer = setTimeout(timeOut, warningMs);
    callbacks.onWarn(until);
  };
  const restart = () => {
    clearTimeout(timer);
    phase = 'active';
    lastActivity = Date.now();
    timer = setTimeout(warn, idleMs);
  };

  restart();
  return {
    phase: () => phase,
    activity: () => {
      if (phase !== 'active') return;
      // A tablet that slept stops timers: if the whole allowance passed while it slept, the
      // application is put away now rather than after one more wait.
      if (Date.now() - lastActivity >= idleMs + warningMs) timeOut();
      else restart();
    },
    extend: () => {
      if (phase === 'warning') restart();
    },
    stop: () => {
      clearTimeout(timer);
      phase = 'timed-out';
    },
  };
}
