// Personal data at rest: sealed field by field under a key kept outside the database, files
// only the server's user can read, keys rotated, personal fields erased when their keeping
// time is over or the applicant asks, and access tokens that end with the data they read.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from './config';
import { dataCipher, openBody, sealBody } from './data-cipher';
import { keyFileBeside, loadDataKeys } from './data-keys';
import { MIGRATIONS, migrate } from './sqlite-migrations';
import { openSqliteStore } from './sqlite-store';
import {
  loggingServer,
  removeTempDirs,
  request,
  startServer,
  submit,
  type TestServer,
  tempDir,
  validApplication,
} from './test-support';

const DAY_MS = 86_400_000;
const start = new Date('2026-03-02T01:00:00.000Z');

afterEach(() => {
  vi.useRealTimers();
});

afterAll(() => {
  removeTempDirs();
});

// An application whose personal details are each easy to find in a file's bytes.
function personal(i = 0) {
  return validApplication((b) => {
    b.applicant.fullName = `Zhou Xiuying ${'ABCDEFGHJK'[i]}`;
    b.trustedContact = {
      name: `Wang Fang ${'ABCDEFGHJK'[i]}`,
      phone: `1391234567${i}`,
      relationship: 'daughter',
    };
  });
}

function fileBytes(dbPath: string): Buffer {
  return Buffer.concat(
    [dbPath, `${dbPath}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
  );
}

const get = (server: TestServer, id: string, token: string) =>
  request(server.port, 'GET', `/api/applications/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });

const post = (server: TestServer, id: string, token: string, action: 'withdraw' | 'erase') =>
  request(server.port, 'POST', `/api/applications/${id}/${action}`, {
    headers: { authorization: `Bearer ${token}` },
  });

const key = () => randomBytes(32).toString('base64');

// A token one character away from this one (never the same one).
const otherToken = (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;

describe('the database files', () => {
  it('hold no name, ID number, phone, date of birth or trusted contact of an application, in the file or its WAL', async () => {
    const server = await startServer();
    try {
      const bodies = Array.from({ length: 5 }, (_, i) => personal(i));
      const sent = await Promise.all(bodies.map((body) => submit(server.port, body)));
      expect(sent.map((s) => s.status)).toEqual([201, 201, 201, 201, 201]);
      const draft = await request(server.port, 'POST', '/api/resume-codes', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ draft: { path: '/apply/about-you', fullName: 'Liang Meiling' } }),
      });
      expect(draft.status).toBe(201);
      const bytes = fileBytes(server.dbPath);
      // What stays in the clear is there to be found: the search can find what it looks for.
      for (const s of sent) expect(bytes.includes(s.json.reference)).toBe(true);
      for (const body of bodies) {
        for (const secret of [
          body.applicant.fullName,
          body.applicant.idNumber,
          body.applicant.phone,
          body.applicant.dateOfBirth,
          body.trustedContact?.name ?? '',
          body.trustedContact?.phone ?? '',
        ]) {
          expect(bytes.includes(secret), secret).toBe(false);
          expect(bytes.includes(Buffer.from(secret, 'utf16le')), secret).toBe(false);
        }
      }
      expect(bytes.includes('Liang Meiling')).toBe(false);
      // And the server still reads them back.
      const seen = await get(server, sent[0]?.json.id, sent[0]?.json.accessToken);
      expect(seen.status).toBe(200);
    } finally {
      await server.cleanUp();
    }
  });

  it('are readable by the server’s user alone, as is the key file it makes and says so in its log', async () => {
    const dir = tempDir();
    const { app, lines } = await loggingServer(dir);
    try {
      await app.ready();
      const dbPath = join(dir, 'kindly.sqlite');
      await app.inject({
        method: 'POST',
        url: '/api/applications',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        payload: JSON.stringify(personal()),
      });
      for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, keyFileBeside(dbPath)]) {
        expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
      }
      const made = lines.map((line) => JSON.parse(line)).find((line) => line.keyFile);
      expect(made).toMatchObject({ level: 40, keyFile: keyFileBeside(dbPath) });
    } finally {
      await app.close();
    }
  });

  it('made by an older server with mode 644 are brought to 600', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'kindly.sqlite');
    new Database(dbPath).close();
    chmodSync(dbPath, 0o644);
    const store = openSqliteStore(dbPath);
    await store.close();
    expect(statSync(dbPath).mode & 0o777).toBe(0o600);
  });
});

describe('the data key', () => {
  it('from a key file is refused when others may read it', async () => {
    const dir = tempDir();
    const file = join(dir, 'data.key');
    writeFileSync(file, key(), { mode: 0o644 });
    chmodSync(file, 0o644);
    const sources = { current: { file }, previous: null };
    expect(() => loadDataKeys(sources, join(dir, 'kindly.sqlite'))).toThrow(
      /can be read or changed by others.*mode 644.*chmod 600/,
    );
    await expect(
      startServer({ dir, config: { dataKeys: { current: { file }, previous: null } } }),
    ).rejects.toThrow(/KINDLY_DATA_KEY_FILE/);
    chmodSync(file, 0o600);
    expect(loadDataKeys(sources, join(dir, 'kindly.sqlite')).current).toHaveLength(32);
  });

  it('must be 32 bytes in base64; KINDLY_DATA_KEY and KINDLY_DATA_KEY_FILE do not go together', () => {
    expect(() =>
      loadDataKeys({ current: { value: 'c2hvcnQ=' }, previous: null }, ':memory:'),
    ).toThrow(/KINDLY_DATA_KEY must be 32 random bytes in base64/);
    expect(() => readConfig({ KINDLY_DATA_KEY: key(), KINDLY_DATA_KEY_FILE: '/x' })).toThrow(
      /Set KINDLY_DATA_KEY or KINDLY_DATA_KEY_FILE, not both/,
    );
    expect(readConfig({ KINDLY_DATA_KEY_PREVIOUS_FILE: '/k' }).dataKeys).toEqual({
      current: null,
      previous: { file: '/k' },
    });
  });

  it('is not in the database, and the database cannot be read without it', async () => {
    const dir = tempDir();
    const first = key();
    const server = await startServer({
      dir,
      config: { dataKeys: { current: { value: first }, previous: null } },
    });
    await submit(server.port, personal());
    await server.close();
    expect(fileBytes(server.dbPath).includes(Buffer.from(first, 'base64'))).toBe(false);
    expect(existsSync(keyFileBeside(server.dbPath))).toBe(false);
    await expect(
      startServer({ dir, config: { dataKeys: { current: { value: key() }, previous: null } } }),
    ).rejects.toThrow(/sealed under a data key this server was not given/);
  });

  it('rotates: new writes use the new key, both are read, data:rekey seals the rest again', async () => {
    const dir = tempDir();
    const [oldKey, newKey] = [key(), key()];
    const before = await startServer({
      dir,
      config: { dataKeys: { current: { value: oldKey }, previous: null } },
    });
    const old = await submit(before.port, personal(1));
    await before.close();

    const both = { current: { value: newKey }, previous: { value: oldKey } };
    const during = await startServer({ dir, config: { dataKeys: both } });
    const fresh = await submit(during.port, personal(2));
    for (const sent of [old, fresh]) {
      expect((await get(during, sent.json.id, sent.json.accessToken)).status).toBe(200);
    }
    const keyIds = () => {
      const db = new Database(during.dbPath, { readonly: true });
      const ids = db.prepare('SELECT DISTINCT data_key FROM applications').pluck().all();
      db.close();
      return ids;
    };
    const newId = dataCipher(Buffer.from(newKey, 'base64')).keyId;
    expect(new Set(keyIds())).toEqual(
      new Set([dataCipher(Buffer.from(oldKey, 'base64')).keyId, newId]),
    );
    // The rotation runs beside the server, as data:rekey does.
    const rekeying = openSqliteStore(during.dbPath, loadDataKeys(both, during.dbPath));
    expect(await rekeying.rekey()).toEqual({ applications: 1, drafts: 0 });
    await rekeying.close();
    expect(keyIds()).toEqual([newId]);
    await during.close();

    const after = await startServer({
      dir,
      config: { dataKeys: { current: { value: newKey }, previous: null } },
    });
    try {
      const seen = await get(after, old.json.id, old.json.accessToken);
      expect(seen.status).toBe(200);
      const store = openSqliteStore(after.dbPath, loadDataKeys(both, after.dbPath));
      const stored = await store.getApplication(old.json.id);
      await store.close();
      expect(JSON.parse(stored?.body ?? '{}').applicant.fullName).toBe(
        personal(1).applicant.fullName,
      );
    } finally {
      await after.close();
    }
  });
});

describe('sealed fields', () => {
  it('open only where they were sealed: not in another application or another field', () => {
    const cipher = dataCipher(randomBytes(32));
    const body = JSON.stringify(personal());
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const sealed = sealBody(cipher, a, body);
    expect(JSON.parse(openBody(cipher, a, sealed, cipher.keyId))).toEqual(JSON.parse(body));
    expect(() => openBody(cipher, b, sealed, cipher.keyId)).toThrow();
    const swapped = JSON.parse(sealed);
    swapped.applicant.phone = swapped.applicant.idNumber;
    expect(() => openBody(cipher, a, JSON.stringify(swapped), cipher.keyId)).toThrow();
  });

  it('stored before sealing, and drafts sealed with the old in-database key, are sealed at start', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'kindly.sqlite');
    // A database as the server of before left it: schema 2, a plain application, a draft
    // sealed with a key derived from a secret in the same file.
    const db = new Database(dbPath);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 2),
    );
    const body = JSON.stringify(personal());
    const id = crypto.randomUUID();
    const legacyCode = '7F3Q9C';
    const legacyDraft = { path: '/apply/about-you', answers: { fullName: 'Liang Meiling' } };
    db.prepare(`INSERT INTO applications (id, reference, status, token_hash, received_at,
      withdrawable_until, withdrawn_at, body) VALUES (?, 'KND-AAA-AAA', 'received', ?, ?, ?, NULL, ?)`).run(
      id,
      Buffer.alloc(32),
      start.toISOString(),
      start.toISOString(),
      body,
    );
    const secret = randomBytes(32);
    db.prepare("INSERT INTO secrets (name, value) VALUES ('resume-code-key', ?)").run(secret);
    const derive = (purpose: string) =>
      Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `kindly resume-code ${purpose}`, 32));
    const codeHash = createHmac('sha256', derive('hash')).update(legacyCode).digest();
    db.prepare(`INSERT INTO resume_codes (code_hash, draft, created_at, expires_at)
      VALUES (?, ?, ?, ?)`).run(
      codeHash,
      dataCipher(derive('draft')).seal(JSON.stringify(legacyDraft), codeHash),
      start.toISOString(),
      new Date(start.getTime() + DAY_MS).toISOString(),
    );
    db.close();
    expect(fileBytes(dbPath).includes('Zhou Xiuying')).toBe(true);

    const server = await startServer({ dir, now: () => start });
    try {
      const store = openSqliteStore(dbPath);
      expect(JSON.parse((await store.getApplication(id))?.body ?? '{}')).toEqual(JSON.parse(body));
      await store.close();
      const redeemed = await request(server.port, 'POST', '/api/resume-codes/redeem', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: legacyCode }),
      });
      expect(redeemed.json).toEqual({ draft: legacyDraft });
    } finally {
      await server.close();
    }
    expect(fileBytes(dbPath).includes('Zhou Xiuying')).toBe(false);
  });
});

describe('retention', () => {
  it('erases personal fields by a daily job once withdrawn or never taken up past their days; the record keeps what accounting needs', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let clock = start;
    const server = await startServer({
      now: () => clock,
      config: { retention: { withdrawnDays: 30, notTakenUpDays: 90 } },
    });
    try {
      const withdrawn = (await submit(server.port, personal(1))).json;
      const kept = (await submit(server.port, personal(2))).json;
      expect((await post(server, withdrawn.id, withdrawn.accessToken, 'withdraw')).status).toBe(
        200,
      );
      const rows = () => {
        const db = new Database(server.dbPath, { readonly: true });
        const all = db
          .prepare('SELECT id, body, erased_at AS erasedAt, status FROM applications')
          .all() as { id: string; body: string; erasedAt: string | null; status: string }[];
        db.close();
        return Object.fromEntries(all.map((row) => [row.id, row]));
      };
      const sealedName = JSON.parse(rows()[withdrawn.id].body).applicant.fullName;
      expect(fileBytes(server.dbPath).includes(sealedName)).toBe(true);

      // A day passes; the job's erasure goes to the database writer as the timer fires, and
      // the writer takes its work in order, so once an application sent after it is stored
      // the job's work is done (its WAL checkpoint included).
      const day = async (n: number) => {
        clock = new Date(start.getTime() + n * DAY_MS);
        await vi.advanceTimersByTimeAsync(DAY_MS);
        expect((await submit(server.port, personal(9))).status).toBe(201);
      };
      await day(29);
      expect(rows()[withdrawn.id].erasedAt).toBe(null);
      await day(31);
      expect(rows()[withdrawn.id].erasedAt).toBe(clock.toISOString());
      const erased = rows()[withdrawn.id];
      expect(erased.status).toBe('withdrawn');
      const body = personal(1);
      expect(JSON.parse(erased.body)).toEqual({
        productId: body.productId,
        amount: body.amount,
        months: body.months,
        method: body.method,
        figures: body.figures,
      });
      // Gone from the file and the WAL, not merely marked: not even its sealed form is left.
      expect(fileBytes(server.dbPath).includes(sealedName)).toBe(false);
      expect(rows()[kept.id].erasedAt).toBe(null);

      await day(91);
      expect(rows()[kept.id].erasedAt).toBe(clock.toISOString());
      expect(JSON.parse(rows()[kept.id].body).applicant).toBeUndefined();
      for (const app of [withdrawn, kept]) {
        expect((await get(server, app.id, app.accessToken)).status).toBe(410);
      }
    } finally {
      await server.cleanUp();
    }
  });

  it('reads KINDLY_RETENTION_DAYS_WITHDRAWN and KINDLY_RETENTION_DAYS_NOT_TAKEN_UP, never shorter than cooling off', () => {
    expect(readConfig({}).retention).toEqual({ withdrawnDays: 30, notTakenUpDays: 180 });
    expect(
      readConfig({
        KINDLY_RETENTION_DAYS_WITHDRAWN: '0',
        KINDLY_RETENTION_DAYS_NOT_TAKEN_UP: '60',
      }).retention,
    ).toEqual({ withdrawnDays: 0, notTakenUpDays: 60 });
    expect(() =>
      readConfig({ KINDLY_COOLING_OFF_DAYS: '30', KINDLY_RETENTION_DAYS_NOT_TAKEN_UP: '20' }),
    ).toThrow(/KINDLY_RETENTION_DAYS_NOT_TAKEN_UP must be a whole number from 30/);
    expect(() => readConfig({ KINDLY_RETENTION_DAYS_WITHDRAWN: '-1' })).toThrow(
      /KINDLY_RETENTION_DAYS_WITHDRAWN/,
    );
  });
});

describe('an access token', () => {
  it('reads nothing once expired, withdrawn or not, and no one is handed a new one', async () => {
    let clock = start;
    const server = await startServer({
      now: () => clock,
      config: { retention: { withdrawnDays: 1, notTakenUpDays: 60 } },
    });
    try {
      const idempotencyKey = crypto.randomUUID();
      const body = personal();
      const receipt = (await submit(server.port, body, idempotencyKey)).json;
      const { id, accessToken } = receipt;
      const seen = await get(server, id, accessToken);
      expect(seen.json.keptUntil).toBe(new Date(start.getTime() + 60 * DAY_MS).toISOString());

      clock = new Date(start.getTime() + 2 * DAY_MS);
      const withdrawn = await post(server, id, accessToken, 'withdraw');
      expect(withdrawn.json.keptUntil).toBe(new Date(clock.getTime() + DAY_MS).toISOString());
      // A replay of the same key and body within its window: the same receipt, the same token.
      const replay = await submit(server.port, body, idempotencyKey);
      expect(replay.status).toBe(201);
      expect(replay.json).toEqual(receipt);
      expect(replay.headers['idempotent-replayed']).toBe('true');

      // Past its keeping time, before the daily erasure has even run; the key is still kept.
      clock = new Date(start.getTime() + 4 * DAY_MS);
      for (const response of [
        await get(server, id, accessToken),
        await post(server, id, accessToken, 'withdraw'),
      ]) {
        expect(response.status).toBe(410);
        expect(response.json).toEqual({
          error: { code: 'access-expired', message: expect.any(String), field: null },
        });
        expect(response.text).not.toContain(receipt.reference);
      }
      // Still the same receipt within the key's window (the token in it reads nothing).
      expect((await submit(server.port, body, idempotencyKey)).json).toEqual(receipt);
      // A wrong token still cannot tell an expired application from none.
      const wrong = await get(server, id, otherToken(accessToken));
      expect(wrong.status).toBe(404);
    } finally {
      await server.cleanUp();
    }
  });

  it('asks for erasure once withdrawn: refused while received, then done at once and for good', async () => {
    const server = await startServer({ now: () => start });
    try {
      const body = personal();
      const { id, accessToken, reference } = (await submit(server.port, body)).json;
      const early = await post(server, id, accessToken, 'erase');
      expect(early.status).toBe(409);
      expect(early.json.error.code).toBe('not-withdrawn');
      expect((await get(server, id, accessToken)).status).toBe(200);

      const wrong = await post(server, id, otherToken(accessToken), 'erase');
      expect(wrong.status).toBe(404);

      await post(server, id, accessToken, 'withdraw');
      const erased = await post(server, id, accessToken, 'erase');
      expect(erased.status).toBe(200);
      expect(erased.json).toEqual({
        id,
        reference,
        status: 'withdrawn',
        erasedAt: start.toISOString(),
      });
      expect(await post(server, id, accessToken, 'erase')).toMatchObject({ json: erased.json });
      expect((await get(server, id, accessToken)).status).toBe(410);
      const db = new Database(server.dbPath, { readonly: true });
      const row = db.prepare('SELECT body, data_key FROM applications WHERE id = ?').get(id);
      db.close();
      expect(row).toEqual({
        body: JSON.stringify({
          productId: body.productId,
          amount: body.amount,
          months: body.months,
          method: body.method,
          figures: body.figures,
        }),
        data_key: null,
      });
      const withBody = await request(server.port, 'POST', `/api/applications/${id}/erase`, {
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: '{"now":true}',
      });
      expect(withBody.status).toBe(400);
    } finally {
      await server.cleanUp();
    }
  });
});
