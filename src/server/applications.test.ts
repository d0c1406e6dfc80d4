// POST /api/applications, GET /api/applications/:id and withdraw, against the real server on
// a random port with a temporary SQLite file: each rule one by one.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './store';
import {
  removeTempDirs,
  request,
  startServer,
  submit,
  type TestServer,
  tempDir,
  validApplication,
  withFigures,
} from './test-support';

const DAY_MS = 86_400_000;
const REFERENCE = /^KND-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/;

let clock = new Date('2025-06-01T02:00:00.000Z');
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ now: () => clock });
});

afterAll(async () => {
  await server.cleanUp();
  removeTempDirs();
});

async function counts() {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT (SELECT count(*) FROM applications) AS applications,
          (SELECT count(*) FROM idempotency_keys) AS keys`,
      )
      .get() as { applications: number; keys: number };
  } finally {
    db.close();
  }
}

function get(id: string, token: string | null) {
  return request(server.port, 'GET', `/api/applications/${id}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
}

function withdraw(id: string, token: string) {
  return request(server.port, 'POST', `/api/applications/${id}/withdraw`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

async function expectRefused(
  body: unknown,
  status: number,
  code: string,
  field: string | null,
  key: string | null = crypto.randomUUID(),
) {
  const before = await counts();
  const response = await submit(server.port, body, key);
  expect(response.json).toEqual({ error: { code, message: expect.any(String), field } });
  expect(response.status).toBe(status);
  expect(await counts()).toEqual(before);
  return response;
}

describe('sending an application', () => {
  it('stores it and answers 201 with id, reference, status, times and an access token', async () => {
    const before = await counts();
    const response = await submit(server.port, validApplication());
    expect(response.status).toBe(201);
    expect(response.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reference: expect.stringMatching(REFERENCE),
      status: 'received',
      receivedAt: clock.toISOString(),
      withdrawableUntil: new Date(clock.getTime() + 14 * DAY_MS).toISOString(),
      accessToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(response.headers.location).toBe(`/api/applications/${response.json.id}`);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(await counts()).toEqual({
      applications: before.applications + 1,
      keys: before.keys + 1,
    });
  });

  it('stores the body normalised: NFC, trimmed, ID in capitals, phone as a national number', async () => {
    const body = validApplication((b) => {
      b.applicant.fullName = '  Jose\u0301   Álvarez ';
      b.applicant.idNumber = ' 310104 19680315 1234 ';
      b.applicant.phone = '+86 138-1234-5678';
    });
    const response = await submit(server.port, body);
    expect(response.status).toBe(201);
    // Read through a store: the file holds these fields sealed.
    const store = openSqliteStore(server.dbPath);
    const row = await store.getApplication(response.json.id);
    await store.close();
    const stored = JSON.parse(row?.body ?? '{}');
    expect(stored.applicant).toMatchObject({
      fullName: 'José Álvarez',
      idNumber: '310104196803151234',
      phone: '13812345678',
    });
  });

  it('gives different applications different references', async () => {
    const references = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const response = await submit(server.port, validApplication());
      references.add(response.json.reference);
    }
    expect(references.size).toBe(20);
  });

  it('keeps access tokens and idempotency keys only as hashes', async () => {
    const key = crypto.randomUUID();
    const response = await submit(server.port, validApplication(), key);
    const db = new Database(server.dbPath, { readonly: true });
    const dump = JSON.stringify(
      db
        .prepare('SELECT * FROM applications JOIN idempotency_keys ON application_id = id')
        .all()
        .map((row) => Object.values(row as object).map(String)),
    );
    db.close();
    expect(dump).not.toContain(response.json.accessToken);
    expect(dump).not.toContain(key);
  });
});

describe('the Idempotency-Key', () => {
  it('is required (400), and nothing is stored without it', async () => {
    await expectRefused(validApplication(), 400, 'idempotency-key-missing', null, null);
    await expectRefused(validApplication(), 400, 'idempotency-key-missing', null, '');
  });

  it('must be a UUID (400)', async () => {
    await expectRefused(validApplication(), 400, 'idempotency-key-invalid', null, 'not-a-uuid');
    await expectRefused(validApplication(), 400, 'idempotency-key-invalid', null, '1234');
  });

  it('may be written as the draft writes it, a quoted string', async () => {
    const key = crypto.randomUUID();
    const first = await submit(server.port, validApplication(), `"${key}"`);
    const again = await submit(server.port, validApplication(), key.toUpperCase());
    expect(first.status).toBe(201);
    expect(again.json).toEqual(first.json);
  });

  it('with the same body again answers the original response and stores nothing', async () => {
    const key = crypto.randomUUID();
    const body = validApplication();
    const first = await submit(server.port, body, key);
    const before = await counts();
    const again = await submit(server.port, body, key);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await counts()).toEqual(before);
  });

  it('treats the same body written differently (key order, spacing) as the same', async () => {
    const key = crypto.randomUUID();
    const body = validApplication();
    const first = await submit(server.port, body, key);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    reordered.applicant = { ...body.applicant, fullName: ` ${body.applicant.fullName} ` };
    const again = await submit(server.port, JSON.stringify(reordered, null, 2), key);
    expect(again.json).toEqual(first.json);
  });

  it('with a different body answers 422 and stores nothing', async () => {
    const key = crypto.randomUUID();
    await submit(server.port, validApplication(), key);
    const other = validApplication((b) => {
      b.amount += 100_000;
    });
    await expectRefused(other, 422, 'idempotency-key-reused', null, key);
  });

  it('replays even after the catalog or the clock would refuse the body now', async () => {
    const key = crypto.randomUUID();
    const body = validApplication();
    const first = await submit(server.port, body, key);
    const saved = clock;
    clock = new Date(clock.getTime() + 30 * DAY_MS);
    try {
      const again = await submit(server.port, body, key);
      expect(again.json).toEqual(first.json);
    } finally {
      clock = saved;
    }
  });

  it('20 identical submissions at once store exactly one application', async () => {
    const key = crypto.randomUUID();
    const body = validApplication();
    const before = await counts();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => submit(server.port, body, key)),
    );
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThan(0);
    for (const answer of answers) {
      if (answer.status === 201) expect(answer.json).toEqual(created[0]?.json);
      else expect(answer.json.error.code).toBe('idempotency-key-in-progress');
      expect([201, 409]).toContain(answer.status);
    }
    expect(await counts()).toEqual({
      applications: before.applications + 1,
      keys: before.keys + 1,
    });
  });
});

describe('a key whose first request is still being stored', () => {
  let slow: TestServer;
  let release: () => void = () => {};
  let store: Store;

  beforeAll(async () => {
    const dir = tempDir();
    store = openSqliteStore(`${dir}/kindly.sqlite`);
    // The store holds writes until the test lets them go, as a slow disk would; after that
    // (the replay at the end) they go through.
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held: Store = {
      ...store,
      createApplication: async (input) => {
        await gate;
        return store.createApplication(input);
      },
    };
    slow = await startServer({ store: held, dir });
  });

  afterAll(async () => {
    await slow.cleanUp();
    await store.close();
  });

  it('answers 409 to the same body and 422 to a different one, then replays', async () => {
    const key = crypto.randomUUID();
    const body = validApplication();
    const first = submit(slow.port, body, key);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const during = await Promise.all(
      Array.from({ length: 19 }, () => submit(slow.port, body, key)),
    );
    const different = await submit(
      slow.port,
      validApplication((b) => {
        b.months = 12;
      }),
      key,
    );
    release();
    const answer = await first;
    expect(answer.status).toBe(201);
    for (const d of during) {
      expect(d.status).toBe(409);
      expect(d.json.error.code).toBe('idempotency-key-in-progress');
    }
    expect(different.status).toBe(422);
    expect(different.json.error.code).toBe('idempotency-key-reused');
    expect((await submit(slow.port, body, key)).json).toEqual(answer.json);
    expect(await store.counts()).toEqual({ applications: 1, idempotencyKeys: 1 });
  });
});

describe('figures and product rules (422, nothing stored)', () => {
  it('refuses figures that differ from the loan engine by one fen', async () => {
    const body = validApplication();
    body.figures.monthlyPayment += 1;
    await expectRefused(body, 422, 'figures-mismatch', 'figures.monthlyPayment');
  });

  it('refuses a wrong total and a wrong annual rate', async () => {
    const total = validApplication();
    total.figures.totalPayable -= 1;
    await expectRefused(total, 422, 'figures-mismatch', 'figures.totalPayable');
    const rate = validApplication();
    rate.figures.annualRatePercent += 0.01;
    await expectRefused(rate, 422, 'figures-mismatch', 'figures.annualRatePercent');
  });

  it('refuses the nominal rate where the product discloses the effective one', async () => {
    const body = validApplication();
    body.figures.annualRatePercent = 7.8;
    await expectRefused(body, 422, 'figures-mismatch', 'figures.annualRatePercent');
  });

  it('refuses an unknown product', async () => {
    await expectRefused(
      validApplication((b) => {
        b.productId = 'moon-loan';
      }),
      422,
      'product-unknown',
      'productId',
    );
  });

  it('refuses amounts outside the limits or off the step', async () => {
    const below = withFigures({ ...validApplication(), amount: 400_000 });
    await expectRefused(below, 422, 'amount-below-minimum', 'amount');
    const above = withFigures({ ...validApplication(), amount: 5_100_000 });
    await expectRefused(above, 422, 'amount-above-maximum', 'amount');
    const offStep = withFigures({ ...validApplication(), amount: 550_000 });
    await expectRefused(offStep, 422, 'amount-step', 'amount');
    const onStep = validApplication((b) => {
      b.amount = 600_000;
    });
    expect((await submit(server.port, onStep)).status).toBe(201);
  });

  it('refuses a term or a method the product does not offer', async () => {
    await expectRefused(
      validApplication((b) => {
        b.months = 7;
      }),
      422,
      'months-not-offered',
      'months',
    );
    await expectRefused(
      validApplication((b) => {
        b.productId = 'home-repair';
        b.amount = 200_000;
        b.months = 12;
        b.method = 'equal-principal';
      }),
      422,
      'method-not-offered',
      'method',
    );
  });

  it('accepts equal-principal where offered, its first (largest) instalment as the monthly figure', async () => {
    const body = validApplication((b) => {
      b.method = 'equal-principal';
      b.months = 12;
    });
    expect((await submit(server.port, body)).status).toBe(201);
  });

  it("refuses an applicant outside the product's ages", async () => {
    // The shop loan lends up to 65; this applicant, born 1949, is 75.
    const old = validApplication((b) => {
      b.applicant.dateOfBirth = '1949-12-31';
      b.applicant.idNumber = '11010519491231002X';
    });
    await expectRefused(old, 422, 'age-above-maximum', 'applicant.dateOfBirth');
    // The home repair loan lends up to 75.
    const repair = validApplication((b) => {
      b.productId = 'home-repair';
      b.amount = 200_000;
      b.months = 12;
      b.applicant.dateOfBirth = '1949-12-31';
      b.applicant.idNumber = '11010519491231002X';
    });
    expect((await submit(server.port, repair)).status).toBe(201);
  });
});

describe('field rules (422 naming the field, nothing stored)', () => {
  const cases: [string, (b: ReturnType<typeof validApplication>) => void, string, string][] = [
    [
      'a resident ID with a wrong check digit',
      (b) => {
        b.applicant.idNumber = '310104196803151235';
      },
      'id-check-digit',
      'applicant.idNumber',
    ],
    [
      'a resident ID with an impossible birth date',
      (b) => {
        b.applicant.idNumber = '310104196802301234';
      },
      'id-birth-date',
      'applicant.idNumber',
    ],
    [
      'a resident ID whose birth date is not the date of birth given',
      (b) => {
        b.applicant.idNumber = '440305199001014561';
      },
      'id-birth-date-mismatch',
      'applicant.idNumber',
    ],
    [
      'a short mobile number',
      (b) => {
        b.applicant.phone = '1381234567';
      },
      'phone-length',
      'applicant.phone',
    ],
    [
      'a mobile number that is not a mobile',
      (b) => {
        b.applicant.phone = '01012345678';
      },
      'phone-prefix',
      'applicant.phone',
    ],
    [
      'a date of birth that does not exist',
      (b) => {
        b.applicant.dateOfBirth = '1968-02-30';
      },
      'dob-not-a-date',
      'applicant.dateOfBirth',
    ],
    [
      'an applicant under 18',
      (b) => {
        b.applicant.dateOfBirth = '2010-01-01';
      },
      'dob-too-young',
      'applicant.dateOfBirth',
    ],
    [
      'a name with digits',
      (b) => {
        b.applicant.fullName = 'R2D2';
      },
      'name-characters',
      'applicant.fullName',
    ],
    [
      "a trusted contact's bad phone",
      (b) => {
        b.trustedContact = { name: '王芳', phone: '12345', relationship: '女儿' };
      },
      'phone-length',
      'trustedContact.phone',
    ],
    [
      'an applicant under pressure',
      (b) => {
        (b.safety as { pressured: boolean }).pressured = true;
      },
      'safety-pressured',
      'safety.pressured',
    ],
    [
      'a declaration not accepted',
      (b) => {
        (b.declaration as { accepted: boolean }).accepted = false;
      },
      'declaration-not-accepted',
      'declaration.accepted',
    ],
    [
      'an amount in yuan with decimals',
      (b) => {
        b.amount = 5000.5;
      },
      'not-whole-number',
      'amount',
    ],
    [
      'an unknown language',
      (b) => {
        (b as { locale: string }).locale = 'fr';
      },
      'not-allowed',
      'locale',
    ],
  ];

  for (const [what, change, code, field] of cases) {
    it(`refuses ${what}`, async () => {
      const body = validApplication();
      change(body);
      await expectRefused(body, 422, code, field);
    });
  }

  it('refuses unknown fields, at the top and inside', async () => {
    await expectRefused({ ...validApplication(), isVip: true }, 422, 'unknown-field', 'isVip');
    const inner = validApplication();
    await expectRefused(
      { ...inner, applicant: { ...inner.applicant, nickname: 'Xiao Wang' } },
      422,
      'unknown-field',
      'applicant.nickname',
    );
  });

  it('refuses a missing field', async () => {
    const { income: _income, ...rest } = validApplication();
    await expectRefused(rest, 422, 'required', 'income');
  });

  it('refuses an overlong text', async () => {
    const body = validApplication((b) => {
      b.trustedContact = { name: '王芳', phone: '13912345678', relationship: 'x'.repeat(61) };
    });
    await expectRefused(body, 422, 'too-long', 'trustedContact.relationship');
  });

  it('accepts a trusted contact', async () => {
    const body = validApplication((b) => {
      b.trustedContact = { name: '王芳', phone: '139 1234 5678', relationship: '女儿' };
    });
    expect((await submit(server.port, body)).status).toBe(201);
  });
});

describe('seeing an application', () => {
  let id: string;
  let token: string;

  beforeAll(async () => {
    const response = await submit(server.port, validApplication());
    id = response.json.id;
    token = response.json.accessToken;
  });

  it('with its token answers its status and summary', async () => {
    const response = await get(id, token);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = validApplication();
    expect(response.json).toEqual({
      id,
      reference: expect.stringMatching(REFERENCE),
      status: 'received',
      receivedAt: clock.toISOString(),
      withdrawableUntil: new Date(clock.getTime() + 14 * DAY_MS).toISOString(),
      withdrawnAt: null,
      keptUntil: new Date(clock.getTime() + 180 * DAY_MS).toISOString(),
      canWithdraw: true,
      answer: null,
      summary: {
        productId: body.productId,
        amount: body.amount,
        months: body.months,
        method: body.method,
        ...body.figures,
      },
    });
    expect(response.text).not.toContain(body.applicant.fullName);
  });

  it('answers 404 alike for a wrong token and an unknown id', async () => {
    const wrongToken = await get(id, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    const unknownId = await get(crypto.randomUUID(), token);
    const notAnId = await get('1%20OR%201=1', token);
    for (const response of [wrongToken, unknownId, notAnId]) {
      expect(response.status).toBe(404);
      expect(response.json).toEqual(wrongToken.json);
    }
    expect(wrongToken.json.error.code).toBe('application-not-found');
  });

  it('answers 401 without a token, whatever the id', async () => {
    const known = await get(id, null);
    const unknown = await get(crypto.randomUUID(), null);
    expect(known.status).toBe(401);
    expect(unknown.json).toEqual(known.json);
    expect(known.json.error.code).toBe('token-missing');
  });

  it("does not accept another application's token", async () => {
    const other = await submit(server.port, validApplication());
    expect((await get(id, other.json.accessToken)).status).toBe(404);
  });
});

describe('withdrawing', () => {
  it('works within the cooling-off period, and twice is harmless', async () => {
    const sent = await submit(server.port, validApplication());
    const saved = clock;
    clock = new Date(clock.getTime() + 13 * DAY_MS);
    try {
      const first = await withdraw(sent.json.id, sent.json.accessToken);
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({
        status: 'withdrawn',
        withdrawnAt: clock.toISOString(),
        canWithdraw: false,
      });
      const again = await withdraw(sent.json.id, sent.json.accessToken);
      expect(again.json).toEqual(first.json);
      expect((await get(sent.json.id, sent.json.accessToken)).json.status).toBe('withdrawn');
    } finally {
      clock = saved;
    }
  });

  it('answers 409 once the cooling-off period has ended', async () => {
    const sent = await submit(server.port, validApplication());
    const saved = clock;
    clock = new Date(clock.getTime() + 14 * DAY_MS);
    try {
      const late = await withdraw(sent.json.id, sent.json.accessToken);
      expect(late.status).toBe(409);
      expect(late.json.error.code).toBe('cooling-off-ended');
      const seen = await get(sent.json.id, sent.json.accessToken);
      expect(seen.json).toMatchObject({ status: 'received', canWithdraw: false });
    } finally {
      clock = saved;
    }
  });

  it('answers 404 for a wrong token, and withdraws nothing', async () => {
    const sent = await submit(server.port, validApplication());
    const other = await submit(server.port, validApplication());
    expect((await withdraw(sent.json.id, other.json.accessToken)).status).toBe(404);
    expect((await get(sent.json.id, sent.json.accessToken)).json.status).toBe('received');
  });

  it('refuses a body', async () => {
    const sent = await submit(server.port, validApplication());
    const response = await request(
      server.port,
      'POST',
      `/api/applications/${sent.json.id}/withdraw`,
      {
        headers: {
          authorization: `Bearer ${sent.json.accessToken}`,
          'content-type': 'application/json',
        },
        body: '{"reason":"x"}',
      },
    );
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('unexpected-body');
  });
});

describe('a cooling-off period of other length', () => {
  it('follows the configuration', async () => {
    const short = await startServer({ config: { coolingOffDays: 1 }, now: () => clock });
    try {
      const sent = await submit(short.port, validApplication());
      expect(sent.json.withdrawableUntil).toBe(new Date(clock.getTime() + DAY_MS).toISOString());
    } finally {
      await short.cleanUp();
    }
  });
});
