// A build step (a Vite plugin): puts src/app/boot.js into index.html itself, and beside it
// the names of the files it has the browser fetch early. As a file of its own, boot.js was one
// more request before anything else could start (and took one of the six connections a
// browser opens to a server); the server allows the inline script by its hash (CSP), never
// inline scripts in general.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { minify, type Plugin } from 'vite';
import { JOURNEY_PAGE_MODULES } from '../src/journey/page-modules';

/** The tag index.html names boot.js with; the plugin puts the script itself in its place. */
export const BOOT_TAG = '<script src="/boot.js"></script>';

/** What boot.js reads from the JSON block #kindly-files: by language, the first page's strings
 *  (every page), and the journey's shared code and strings (journey pages); by path, a journey
 *  page's own code. Paths of files. */
export interface BootFiles {
  strings: Record<string, string[]>;
  journey: Record<string, string[]>;
  pages: Record<string, string[]>;
}

interface ChunkLike {
  type: 'chunk' | 'asset';
  name?: string;
  fileName: string;
  isEntry?: boolean;
  facadeModuleId?: string | null;
  imports?: string[];
}

/** The files boot.js preloads, from the build's chunks. A chunk comes with the chunks it
 *  imports (found only once it arrived, each would cost one more round trip), less those
 *  index.html loads anyway. Chunk names are stringChunkOf's and journeyChunkOf's
 *  (src/core/first-page.ts); `pages` are the journey pages' paths and components. */
export function bootFiles(
  chunks: readonly ChunkLike[],
  pages: Readonly<Record<string, string>> = JOURNEY_PAGE_MODULES,
): BootFiles {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const byName = (name: string) => chunks.find((c) => c.type === 'chunk' && c.name === name);
  const pageChunk = (name: string) =>
    chunks.find(
      (c) =>
        c.type === 'chunk' &&
        /[\\/]src[\\/]journey[\\/]([^\\/]+)[\\/]index\.tsx$/.exec(c.facadeModuleId ?? '')?.[1] ===
          name,
    );
  const loadedAnyway = new Set<string>();
  const entryGraph = (file: string) => {
    if (loadedAnyway.has(file)) return;
    loadedAnyway.add(file);
    for (const imported of byFile.get(file)?.imports ?? []) entryGraph(imported);
  };
  for (const chunk of chunks)
    if (chunk.type === 'chunk' && chunk.isEntry) entryGraph(chunk.fileName);
  const withImports = (names: readonly string[], found = byName) => {
    const files: string[] = [];
    for (const name of names) {
      const chunk = found(name);
      if (!chunk) continue;
      for (const file of [chunk.fileName, ...(chunk.imports ?? [])]) {
        if (!loadedAnyway.has(file) && !files.includes(`/${file}`)) files.push(`/${file}`);
      }
    }
    return files;
  };
  const files: BootFiles = { strings: {}, journey: {}, pages: {} };
  for (const chunk of chunks) {
    const lang = chunk.type === 'chunk' ? /^strings-([\w-]+)$/.exec(chunk.name ?? '')?.[1] : null;
    if (!lang || lang.endsWith('-pages')) continue;
    const strings = withImports([`strings-${lang}`]);
    files.strings[lang] = strings;
    files.journey[lang] = withImports(['journey', 'journey-draft', `strings-${lang}-pages`]).filter(
      (file) => !strings.includes(file),
    );
  }
  // A page's own code, less what the lists above bring already.
  const listed = new Set([...Object.values(files.strings), ...Object.values(files.journey)].flat());
  for (const [path, name] of Object.entries(pages)) {
    if (!pageChunk(name)) throw new Error(`No chunk for the journey page ${name} (${path})`);
    files.pages[path] = withImports([name], pageChunk).filter((file) => !listed.has(file));
  }
  return files;
}

/** JSON that is safe inside a <script> element (no "</script>", no "<!--"). */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function inlineBootPlugin(): Plugin {
  const source = resolve(import.meta.dirname, '../src/app/boot.js');
  return {
    name: 'kindly:inline-boot',
    // After vite-plugin-pwa's own (also 'post') changes to index.html.
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      async handler(html, context) {
        if (!html.includes(BOOT_TAG)) throw new Error(`index.html no longer has ${BOOT_TAG}`);
        const { code, errors } = await minify('boot.js', readFileSync(source, 'utf8'), {});
        if (errors.length > 0) throw new Error(`boot.js: ${errors[0]?.message}`);
        const chunks = Object.values(context.bundle ?? {}) as ChunkLike[];
        const data = context.bundle
          ? `<script type="application/json" id="kindly-files">${scriptSafeJson(bootFiles(chunks))}</script>`
          : '';
        return html.replace(BOOT_TAG, () => `${data}<script>${code.trim()}</script>`);
      },
    },
  };
}
