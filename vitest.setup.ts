import { afterAll } from 'vitest';

// jsdom has no CSS.escape, which the virtual screen reader uses to resolve id references
// (aria-describedby and friends). This covers the ids Kindly generates.
if (typeof window !== 'undefined' && !window.CSS?.escape) {
  const cssEscape = (value: string) =>
    value.replace(/^\d|[^\w-]/g, (c) => `\\${c.codePointAt(0)?.toString(16)} `);
  Object.defineProperty(window, 'CSS', { value: { ...(window.CSS ?? {}), escape: cssEscape } });
}

// jsdom lays nothing out, so it has no scrollIntoView; the error summary's links call it.
if (typeof window !== 'undefined' && !Element.prototype.scrollIntoView) {
  Element.prototype.scrollIntoView = () => undefined;
}

// Preact runs an unmounted component's effect clean-ups on a timer (a frame, or 100 ms where
// there are no frames). Those of a file's last test must run before that file's jsdom is torn
// down, or they throw "window is not defined" after every test has passed.
if (typeof window !== 'undefined') {
  afterAll(() => new Promise<void>((resolve) => setTimeout(resolve, 150)));
}
