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

/** Starts each job in a task of its own, in order, and waits for them all (a failure fails
 *  the whole, as Promise.all does). Starting a page's code, strings and data each asks for
 *  files, and the requests' bookkeeping in one task made a long one; started a task apart,
 *  they still travel together. */
export async function inTurn<T extends unknown[]>(
  ...starts: { [K in keyof T]: () => T[K] | Promise<T[K]> }
): Promise<T> {
  const running: Promise<unknown>[] = [];
  for (const [i, start] of starts.entries()) {
    if (i > 0) await nextTask();
    const job = Promise.resolve().then(start);
    // Handled here at once, so a job that fails while the next waits for its task is not
    // reported as unhandled; Promise.all below still fails with it.
    job.catch(() => undefined);
    running.push(job);
  }
  return (await Promise.all(running)) as T;
}
