let shown: Promise<void> | undefined;

/** How long after a frame to stop waiting for a paint the browser does not report. */
const FALLBACK_MS = 500;

/** Resolves once the browser has put the page's first paint on screen: its
 *  first-contentful-paint entry, which comes when the frame is presented, a frame or more after
 *  the paint's own task on a slow tablet. Work that only prepares what comes next (the saved
 *  draft's code, the pages loaded ahead) waits for it, so that on a slow network none of it is
 *  on the wire before the first page is seen. Where the browser cannot say (no paint timing),
 *  or says nothing within FALLBACK_MS of a frame (a page opened in the background is painted
 *  only when shown), a frame and a task stand in for it. One promise for the whole visit. */
export function firstPaintShown(): Promise<void> {
  shown ??= new Promise<void>((resolve) => {
    const presented = () => performance.getEntriesByName('first-contentful-paint').length > 0;
    if (presented()) return resolve();
    const afterFrame = (then: () => void) => requestAnimationFrame(() => setTimeout(then, 0));
    const canSay =
      typeof PerformanceObserver !== 'undefined' &&
      PerformanceObserver.supportedEntryTypes?.includes('paint');
    if (!canSay) return afterFrame(resolve);
    const observer = new PerformanceObserver(() => {
      if (!presented()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type: 'paint', buffered: true });
    afterFrame(() =>
      setTimeout(() => {
        observer.disconnect();
        resolve();
      }, FALLBACK_MS),
    );
  });
  return shown;
}
