// jsdom has no CSS.escape, which the virtual screen reader uses to resolve id references
// (aria-describedby and friends). This covers the ids Kindly generates.
if (typeof window !== 'undefined' && !window.CSS?.escape) {
  const cssEscape = (value: string) =>
    value.replace(/^\d|[^\w-]/g, (c) => `\\${c.codePointAt(0)?.toString(16)} `);
  Object.defineProperty(window, 'CSS', { value: { ...(window.CSS ?? {}), escape: cssEscape } });
}
