// The scripts written into a page itself (index.html carries the boot script, put there by the
// build): what the server allows by hash in its CSP, and what the bench counts as first-page
// JavaScript that no file carries.

/** The text of each inline script of a page that a browser would run: no src, and no type
 *  other than JavaScript or module (a type="application/json" data block is never run). */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const [, attributes = '', body = ''] of html.matchAll(
    /<script\b([^>]*)>([\s\S]*?)<\/script>/gi,
  )) {
    if (/\bsrc\s*=/i.test(attributes) || body === '') continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && type !== 'text/javascript' && type !== 'module') continue;
    scripts.push(body);
  }
  return scripts;
}
