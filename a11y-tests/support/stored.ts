// What the e2e server stored, read the way the server reads it: the personal fields of each
// application are sealed at rest (docs/data-protection.md), so the tests open them with the
// key file the server made beside its database.
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { dataCipher, openBody } from '../../src/server/data-cipher.js';
import { keyFileBeside, parseKey } from '../../src/server/data-keys';

/** The e2e server's database (scripts/e2e-server.mjs; KINDLY_E2E_DIR moves it). */
export const DB_PATH = `${process.env.KINDLY_E2E_DIR ?? '.kindly-tmp/e2e'}/kindly.sqlite`;

/** One stored application: its reference and its body as JSON text, personal fields open. */
export interface StoredApplication {
  reference: string;
  body: string;
}

/** Every application the server stored, oldest first, with its sealed fields opened. */
export function storedApplications(dbPath = DB_PATH): StoredApplication[] {
  const keyFile = keyFileBeside(dbPath);
  const cipher = dataCipher(parseKey(readFileSync(keyFile, 'utf8'), keyFile));
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT id, reference, body, data_key FROM applications ORDER BY rowid')
      .all() as { id: string; reference: string; body: string; data_key: string | null }[];
    return rows.map((row) => ({
      reference: row.reference,
      body: row.data_key ? openBody(cipher, row.id, row.body, row.data_key) : row.body,
    }));
  } finally {
    db.close();
  }
}
