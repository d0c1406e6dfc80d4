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
