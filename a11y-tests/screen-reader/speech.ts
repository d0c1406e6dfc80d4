import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** One thing Orca said, as plain text, and when the harness read it (ms since the reader began). */
export interface Utterance {
  text: string;
  at: number;
}

// Orca logs the SSML it hands to speech-dispatcher, one record per utterance:
//   HH:MM:SS.ffffff - SPEECH DISPATCHER: Speaking '<speak>…</speak>' \n ORCA rate …
// A record may span lines (continuation lines are indented by Orca's debug module).
// Single characters (arrowing through text) go to speech-dispatcher as characters, not SSML;
// Orca 43 logs them only as SPEECH OUTPUT: 'E' {voice}, with a space before the voice (its
// other SPEECH OUTPUT lines, which repeat the SSML records, have none).
const SSML_START = "Speaking '<speak>";
const SSML_END = "</speak>'";
const RECORD = /SPEECH DISPATCHER: Speaking '<speak>([\s\S]*?)<\/speak>'|SPEECH OUTPUT: '(.)' \{/gu;

// Debug-log lines worth showing when a step fails (see OrcaSpeech.reasons).
const REASON =
  /WEB: .*(live region|Live region|Ignoring|Flushing|Zombie|zombie|duplicate|redundant)|LIVE REGIONS|Dequeued object:(text-changed:insert|children-changed:add|state-changed:focused:1)|vvvvv PROCESS ATSPI_KEY_PRESSED/;

/** The words of one of Orca's SSML utterances: marks dropped, entities decoded, spaces collapsed. */
export function ssmlToText(ssml: string): string {
  return ssml
    .replace(/<mark [^>]*\/>/g, '')
    .replace(/<\/?[a-z-]+[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads what Orca says from its debug log while it runs (the log must be line-buffered). */
export class OrcaSpeech {
  readonly utterances: Utterance[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private readonly buffer = Buffer.alloc(64 * 1024);
  private readonly began = Date.now();
  private position = 0;
  private pending = '';

  constructor(private readonly logPath: string) {}

  /** Reads whatever Orca has logged since the last call; returns the number of utterances. */
  read(): number {
    if (!existsSync(this.logPath)) return this.utterances.length;
    const fd = openSync(this.logPath, 'r');
    try {
      for (;;) {
        const n = readSync(fd, this.buffer, 0, this.buffer.length, this.position);
        if (n <= 0) break;
        this.position += n;
        this.pending += this.decoder.write(this.buffer.subarray(0, n));
      }
    } finally {
      closeSync(fd);
    }
    this.parse();
    return this.utterances.length;
  }

  /** How far into the log the reader has read (bytes): marks where a step began and ended. */
  get offset(): number {
    this.read();
    return this.position;
  }

  /** From the log between two offsets, the lines that say how Orca decided what to speak:
   *  live-region events it took or ignored and why, flushes by key presses, focus changes.
   *  Printed when a step fails, as CI keeps no log but the output. */
  reasons(from: number, to: number, max = 40): string[] {
    if (!existsSync(this.logPath) || to <= from) return [];
    const fd = openSync(this.logPath, 'r');
    const bytes = Buffer.alloc(to - from);
    try {
      readSync(fd, bytes, 0, bytes.length, from);
    } finally {
      closeSync(fd);
    }
    const lines = bytes
      .toString('utf8')
      .split('\n')
      .filter((line) => REASON.test(line))
      .map((line) => line.replace(/^\d\d:\d\d:(\d\d\.\d{3})\d* - /, '$1 ').slice(0, 200));
    return lines.length > max ? [...lines.slice(0, max), `… ${lines.length - max} more`] : lines;
  }

  /** The utterances from index `from` on. */
  since(from: number): Utterance[] {
    this.read();
    return this.utterances.slice(from);
  }

  /** Milliseconds since the last utterance (or since the reader began, if none yet). */
  quietFor(): number {
    const last = this.utterances.at(-1);
    return Date.now() - this.began - (last?.at ?? 0);
  }

  private parse(): void {
    // Whole lines only, and never half an SSML record (a long one can span lines and writes).
    let end = this.pending.lastIndexOf('\n') + 1;
    const open = this.pending.lastIndexOf(SSML_START, end);
    const close = open >= 0 ? this.pending.indexOf(SSML_END, open) : -1;
    if (open >= 0 && (close < 0 || close >= end)) end = open;
    if (end <= 0) return;
    const complete = this.pending.slice(0, end);
    this.pending = this.pending.slice(end);
    for (const match of complete.matchAll(RECORD)) {
      const text = match[1] !== undefined ? ssmlToText(match[1]) : (match[2] ?? '');
      if (text.trim()) this.utterances.push({ text, at: Date.now() - this.began });
    }
  }
}
