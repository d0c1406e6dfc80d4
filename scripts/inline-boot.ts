// A build step (a Vite plugin): puts src/app/boot.js into index.html itself, so that the saved
// text size, theme and language apply before the first paint without a request of their own.
// The server allows the inline script by its hash (CSP), never inline scripts in general.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { minify, type Plugin } from 'vite';

/** The tag index.html names boot.js with; the plugin puts the script itself in its place. */
export const BOOT_TAG = '<script src="/boot.js"></script>';

/** Puts boot.js into index.html in place of BOOT_TAG, minified. */
export function inlineBootPlugin(): Plugin {
  const source = resolve(import.meta.dirname, '../src/app/boot.js');
  return {
    name: 'kindly:inline-boot',
    // After vite-plugin-pwa's own (also 'post') changes to index.html.
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        if (!html.includes(BOOT_TAG)) throw new Error(`index.html no longer has ${BOOT_TAG}`);
        const { code, errors } = await minify('boot.js', readFileSync(source, 'utf8'), {});
        if (errors.length > 0) throw new Error(`boot.js: ${errors[0]?.message}`);
        return html.replace(BOOT_TAG, () => `<script>${code.trim()}</script>`);
      },
    },
  };
}
