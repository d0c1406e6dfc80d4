/// <reference path="./tesseract-esm.d.ts" />
// The ID card reader: Tesseract (WebAssembly, in a Web Worker) with its Simplified Chinese
// model, every file from Kindly's own origin (ID_READER_BASE). Loaded with import() only when
// a person asks to fill in from their card, so neither the first page nor the journey's shared
// code carries it. Nothing here sends anything anywhere: the picture goes to the worker on
// this device and is dropped once read. Why Tesseract: docs/decisions/id-card-reader.md.
import type { PSM } from 'tesseract.js';
import Tesseract from 'tesseract.js/dist/tesseract.esm.min.js';
import { ID_READER_BASE } from '../../core/id-reader-files';
import { type CardReading, readIdCard } from '../../loan/id-card';

/** A reader that is ready: reads cards until it is closed. */
export interface CardReader {
  /** The card's fields in a picture (a photo file or a camera frame), and whether anything
   *  on it looked like an ID card at all. The picture is not kept. */
  read(picture: Blob | HTMLCanvasElement, today: string): Promise<CardSight>;
  /** Ends the worker and frees its memory. */
  close(): Promise<void>;
}

/** What one picture showed: the reading, and whether a card's labels were seen on it. */
export interface CardSight extends CardReading {
  sawCard: boolean;
}

// Share of the getting-ready shown once each step is done: the recogniser's code is about a
// third of the bytes, the language model most of the rest.
const READY_STEPS: Readonly<Record<string, number>> = {
  'loading tesseract core': 0.4,
  'initializing tesseract': 0.45,
  'loading language traineddata': 0.9,
  'initializing api': 1,
};

// A photo is scaled to this longest side: the card's smallest characters stay well readable,
// and a 12-megapixel photo does not take seconds and hundreds of megabytes to read.
const LONGEST_SIDE = 1600;

// The card's printed labels: seeing any of them means a card is in view.
const CARD_LABELS = /姓名|性别|民族|出生|住址|公民|身份|号码/;

async function canvasOf(picture: Blob | HTMLCanvasElement): Promise<HTMLCanvasElement> {
  if (!(picture instanceof Blob)) return picture;
  const bitmap = await createImageBitmap(picture);
  try {
    const scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return canvas;
  } finally {
    bitmap.close();
  }
}

/** Gets the reader ready, telling `onProgress` how far along it is (0 to 1). */
export async function startCardReader(onProgress: (share: number) => void): Promise<CardReader> {
  let shown = 0;
  const worker = await Tesseract.createWorker('chi_sim', Tesseract.OEM.LSTM_ONLY, {
    workerPath: `${ID_READER_BASE}worker.min.js`,
    corePath: `${ID_READER_BASE}tesseract-core-simd-lstm.js`,
    langPath: ID_READER_BASE.replace(/\/$/, ''),
    // A same-origin worker file, not a blob: URL, so the CSP needs no blob: for workers.
    workerBlobURL: false,
    gzip: true,
    // The service worker keeps the files; a second copy in IndexedDB would only take space.
    cacheMethod: 'none',
    logger: ({ status, progress }) => {
      const step = READY_STEPS[status];
      if (step === undefined || progress < 1 || step <= shown) return;
      shown = step;
      onProgress(step);
    },
  });
  return {
    async read(picture, today) {
      const canvas = await canvasOf(picture);
      try {
        const look = async (mode: PSM) => {
          await worker.setParameters({ tessedit_pageseg_mode: mode });
          const { data } = await worker.recognize(canvas);
          const lines = data.text.split('\n').filter((line) => line.trim() !== '');
          const reading = readIdCard(lines, today);
          const sawCard =
            reading.unclear.length < 3 || lines.some((l) => CARD_LABELS.test(l.replace(/\s/g, '')));
          return { ...reading, sawCard };
        };
        // The page as the reader finds its blocks first; where that left a field unclear,
        // the card as one block of lines (it keeps a tilted date line whole), and the better
        // of the two. Each reading stands on its own checks, so neither can make the other
        // wrong.
        const first = await look(Tesseract.PSM.AUTO);
        if (!first.sawCard || first.unclear.length === 0) return first;
        const second = await look(Tesseract.PSM.SINGLE_BLOCK);
        return second.unclear.length < first.unclear.length ? second : first;
      } finally {
        // Gives the picture's memory back at once (a canvas holds it until it is resized).
        canvas.width = 0;
        canvas.height = 0;
      }
    },
    async close() {
      await worker.terminate();
    },
  };
}
