// A build step (a Vite plugin): writes a Brotli (.br) and a gzip (.gz) copy beside each text
// file of the build, once, at the strongest settings, so that the server sends the fewest bytes
// without compressing on every request (@fastify/static's preCompressed option picks the copy
// the browser accepts). On a branch's weak Wi-Fi the first page is a third of its size.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Files worth compressing: text, and WebAssembly (the ID card reader's shrinks by two
 *  thirds). (PNG icons and the reader's .gz language data are compressed already.) */
const TEXT_FILE = /\.(js|mjs|css|html|json|webmanifest|svg|txt|wasm)$/;

/** Smaller than this, a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

function* filesUnder(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/** Writes `<file>.br` and `<file>.gz` for each text file under `dir` (none where compressing
 *  does not make it smaller). */
export function precompress(dir: string): void {
  for (const path of filesUnder(dir)) {
    if (!TEXT_FILE.test(path)) continue;
    const raw = readFileSync(path);
    if (raw.length < MIN_BYTES) continue;
    const brotli = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gzip = gzipSync(raw, { level: 9 });
    if (brotli.length < raw.length) writeFileSync(`${path}.br`, brotli);
    if (gzip.length < raw.length) writeFileSync(`${path}.gz`, gzip);
  }
}

/** The plugin: compresses the output directory after everything else (the service worker
 *  included) has been written. */
export function precompressPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'kindly:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        precompress(outDir);
      },
    },
  };
}
