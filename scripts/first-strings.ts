// A build step (a Vite plugin): names, in index.html, the chunk of each language's first-page
// strings, so that boot.js (which knows the language before anything else does) can have the
// browser fetch the right one at once, alongside the app's code. Left to the app, the strings
// were asked for only once its code had run: one more round trip before the first paint.
import type { Plugin } from 'vite';

/** The <meta> name that carries a language's first-page strings chunk and the chunks it
 *  imports (paths, space-separated); boot.js reads it. */
export const metaName = (lang: string) => `kindly-strings-${lang}`;

export function firstStringsPlugin(): Plugin {
  return {
    name: 'kindly:first-strings',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunks = Object.values(context.bundle ?? {});
        return chunks.flatMap((chunk) => {
          if (chunk.type !== 'chunk') return [];
          // The chunks are named by stringChunkOf (src/app/first-page.ts): strings-<lang>
          // for the first page, strings-<lang>-pages for the rest.
          const lang = /^strings-([\w-]+)$/.exec(chunk.name)?.[1];
          if (!lang || lang.endsWith('-pages')) return [];
          // With the chunks it imports (the bundler's runtime): found only once the strings
          // arrived, they cost one more round trip.
          const files = [chunk.fileName, ...chunk.imports];
          return [
            {
              tag: 'meta',
              attrs: { name: metaName(lang), content: files.map((file) => `/${file}`).join(' ') },
              injectTo: 'head-prepend' as const,
            },
          ];
        });
      },
    },
  };
}
