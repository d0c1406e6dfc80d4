// Where the data key comes from: never the database it protects. KINDLY_DATA_KEY holds it,
// or KINDLY_DATA_KEY_FILE names a file holding it; without either, a key file is made beside
// the database on first start. A second key, KINDLY_DATA_KEY_PREVIOUS(_FILE), is the one being
// rotated away from: still read, never written.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DATA_KEY_BYTES } from './data-cipher';

/** Where a key is given: as the value itself (base64) or as a file holding it. */
export type KeySource = { value: string } | { file: string };

/** The keys the store seals and opens personal data with. */
export interface DataKeys {
  current: Buffer;
  previous: Buffer[];
  /** The key file made on this start, to be said in the log; null when none was made. */
  madeFile: string | null;
}

const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/** A key written as base64 (as `openssl rand -base64 32` prints it), or an error naming
 *  where it came from. */
export function parseKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = BASE64_KEY.test(trimmed) ? Buffer.from(trimmed, 'base64') : null;
  if (key?.length !== DATA_KEY_BYTES) {
    throw new Error(
      `${where} must be ${DATA_KEY_BYTES} random bytes in base64 (openssl rand -base64 32).`,
    );
  }
  return key;
}

function readKeyFile(path: string, variable: string): Buffer {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`The data key file ${path} (${variable}) cannot be read (${reason}).`);
  }
  // Group or others allowed anything: whoever can read the key can read every application.
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `The data key file ${path} (${variable}) can be read or changed by others than its ` +
        `owner (mode ${(mode & 0o777).toString(8)}); make it mode 600 (chmod 600 ${path}).`,
    );
  }
  return parseKey(readFileSync(path, 'utf8'), `The data key file ${path} (${variable})`);
}

function keyFrom(source: KeySource, variable: string): Buffer {
  return 'value' in source
    ? parseKey(source.value, variable)
    : readKeyFile(source.file, `${variable}_FILE`);
}

/** The key file used when no key is configured: beside the database, named after it. */
export function keyFileBeside(dbPath: string): string {
  return `${dbPath}.key`;
}

/** The data keys from the configuration; for a database file with no key configured, the key
 *  file beside it, made (mode 600) when there is none yet; for ':memory:', a key of the
 *  moment. Throws, naming the setting, when a key is malformed or its file open to others. */
export function loadDataKeys(
  sources: { current: KeySource | null; previous: KeySource | null },
  dbPath: string,
): DataKeys {
  const previous = sources.previous ? [keyFrom(sources.previous, 'KINDLY_DATA_KEY_PREVIOUS')] : [];
  if (sources.current) {
    return { current: keyFrom(sources.current, 'KINDLY_DATA_KEY'), previous, madeFile: null };
  }
  if (dbPath === ':memory:') {
    return { current: randomBytes(DATA_KEY_BYTES), previous, madeFile: null };
  }
  const file = keyFileBeside(dbPath);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(DATA_KEY_BYTES).toString('base64')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    return { current: readKeyFile(file, 'KINDLY_DATA_KEY_FILE'), previous, madeFile: file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return { current: readKeyFile(file, 'KINDLY_DATA_KEY_FILE'), previous, madeFile: null };
}
