// Where the ID card reader's files are served from: Kindly's own origin, never a CDN. Read by
// the app (to start the reader), by the build (scripts/id-reader-files.ts copies them there
// from their npm packages) and by the bench, so this module imports nothing.

/** The reader's version: its folder changes with it, so the files can be cached for ever. */
export const ID_READER_VERSION = 'tesseract-7.0.0-chi_sim-1.0.0';

/** The folder of the reader's files. The server allows WebAssembly ('wasm-unsafe-eval') for
 *  what it serves from here and nowhere else. */
export const ID_READER_BASE = `/assets/id-reader-${ID_READER_VERSION}/`;

/** Each file of the reader: its name in the folder and the npm package file it is copied from. */
export const ID_READER_FILES: readonly { name: string; from: string }[] = [
  // The Web Worker that runs the recogniser off the page's thread.
  { name: 'worker.min.js', from: 'tesseract.js/dist/worker.min.js' },
  // The recogniser (LSTM only, SIMD): its loader, and the WebAssembly it fetches beside the
  // worker.
  { name: 'tesseract-core-simd-lstm.js', from: 'tesseract.js-core/tesseract-core-simd-lstm.js' },
  {
    name: 'tesseract-core-simd-lstm.wasm',
    from: 'tesseract.js-core/tesseract-core-simd-lstm.wasm',
  },
  // Simplified Chinese, which also covers the digits and the X of an ID number.
  {
    name: 'chi_sim.traineddata.gz',
    from: '@tesseract.js-data/chi_sim/4.0.0_best_int/chi_sim.traineddata.gz',
  },
];
