// A build step (a Vite plugin): copies the ID card reader's files from their npm packages into
// the build at ID_READER_BASE, so that the reader downloads from Kindly's origin only. The
// service worker leaves them out of its precache (vite.config.ts): most people never use the
// reader, and they cache it on first use.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { ID_READER_BASE, ID_READER_FILES } from '../src/core/id-reader-files';

const require = createRequire(import.meta.url);

/** The plugin: writes the reader's files into the output folder after the bundle. */
export function idReaderFilesPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'kindly:id-reader-files',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      const folder = join(outDir, ID_READER_BASE);
      mkdirSync(folder, { recursive: true });
      for (const file of ID_READER_FILES) {
        copyFileSync(require.resolve(file.from), join(folder, file.name));
      }
    },
  };
}
