/** The browser's scheduler where it has one (Chromium 129 on): scheduler.yield() resumes ahead
 *  of other waiting tasks, without the 4 ms setTimeout adds once timers nest. */
interface Scheduler {
  yield(): Promise<void>;
}

/** Resolves in a later task, so the browser can paint and answer input in between: long work
 *  done a piece per task never holds the page for long on a slow tablet. */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<Scheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise<void>((done) => setTimeout(done, 0));
}
