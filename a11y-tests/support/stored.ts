// What the e2e server stored, read the way the server reads it: the personal fields of each
// application are sealed at rest (docs/data-protection.md), so the tests open them with the
// server's key file. The e2e server uses SQLite, or PostgreSQL with KINDLY_E2E_BACKEND=postgres
// (scripts/e2e-postgres.ts writes the database's URL and the key file into its folder).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dataCipher, openBody } from '../../src/server/data-cipher.js';
import { keyFileBeside, parseKey } from '../../src/server/data-keys';
import { postgresBin } from '../../src/server/pg-test-cluster';

/** The e2e server's folder (scripts/e2e-server.mjs; KINDLY_E2E_DIR moves it). */
const DIR = process.env.KINDLY_E2E_DIR ?? '.kindly-tmp/e2e';

/** The e2e server's database when it uses SQLite. */
export const DB_PATH = `${DIR}/kindly.sqlite`;

const URL_FILE = join(DIR, 'database-url');
const PG_KEY_FILE = join(DIR, 'data.key');

/** One stored application: its reference and its body as JSON text, personal fields open. */
export interface StoredApplication {
  reference: string;
  body: string;
}

type Row = { id: string; reference: string; body: string; data_key: string | null };

/** The settings that point a script (npm run staff:add) at the e2e server's database. */
export function serverStoreEnv(): Record<string, string> {
  return existsSync(URL_FILE)
    ? {
        KINDLY_DATABASE_URL: readFileSync(URL_FILE, 'utf8').trim(),
        KINDLY_DATA_KEY_FILE: PG_KEY_FILE,
      }
    : { KINDLY_DB: DB_PATH };
}

// Read with psql, so that the tests' callers stay synchronous whichever backend is in use.
function postgresRows(): Row[] {
  const bin = postgresBin();
  if (!bin) throw new Error('The e2e server uses PostgreSQL, but no psql was found.');
  const out = execFileSync(
    join(bin, 'psql'),
    [
      readFileSync(URL_FILE, 'utf8').trim(),
      '--no-psqlrc',
      '--tuples-only',
      '--no-align',
      '--command',
      `SELECT coalesce(json_agg(json_build_object('id', id, 'reference', reference,
        'body', body, 'data_key', data_key) ORDER BY received_at, id), '[]') FROM applications`,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as Row[];
}

function sqliteRows(dbPath: string): Row[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT id, reference, body, data_key FROM applications ORDER BY rowid')
      .all() as Row[];
  } finally {
    db.close();
  }
}

/** Every application the server stored, oldest first, with its sealed fields opened. */
export function storedApplications(dbPath = DB_PATH): StoredApplication[] {
  const postgres = existsSync(URL_FILE);
  const keyFile = postgres ? PG_KEY_FILE : keyFileBeside(dbPath);
  const cipher = dataCipher(parseKey(readFileSync(keyFile, 'utf8'), keyFile));
  return (postgres ? postgresRows() : sqliteRows(dbPath)).map((row) => ({
    reference: row.reference,
    body: row.data_key ? openBody(cipher, row.id, row.body, row.data_key) : row.body,
  }));
}
