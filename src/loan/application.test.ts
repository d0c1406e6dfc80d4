import { describe, expect, it } from 'vitest';
import {
  ANSWER_FIELDS,
  type ApplicationBody,
  checkTerms,
  createApplicationSchema,
  disclosedFigures,
  validateApplication,
} from './application';
import catalogJson from './catalog/products.json';
import { buildSchedule, loanTermsFor, type Product, parseCatalog } from './index';
import { engineFigures, sampleApplication } from './test-fixtures';

const today = '2025-06-01';
const schema = createApplicationSchema({ today: () => today });
const catalog = parseCatalog(catalogJson);
const shop = catalog.products.find((p) => p.id === 'shop-working-capital') as Product;

function valid(): ApplicationBody {
  return sampleApplication(shop, { amount: 1_000_000, months: 12, method: 'annuity' });
}

function issues(input: unknown) {
  const result = validateApplication(input, schema);
  return result.ok ? [] : result.issues;
}

describe('the application schema', () => {
  it('accepts a valid application unchanged', () => {
    expect(validateApplication(valid(), schema)).toEqual({ ok: true, value: valid() });
  });

  it('fills in the optional parts as null', () => {
    const { trustedContact: _t, assisted: _a, ...rest } = valid();
    const result = validateApplication(rest, schema);
    expect(result.ok && result.value.trustedContact).toBeNull();
    expect(result.ok && result.value.assisted).toBeNull();
  });

  it('normalises text: NFC, trimmed, spaces collapsed, ID and phones canonical', () => {
    const body = valid();
    body.applicant.fullName = '  Zoe\u0308   Li ';
    body.applicant.idNumber = '３１０１０４ 19680315 1234';
    body.applicant.phone = '+86 138 1234 5678';
    body.trustedContact = { name: ' 王芳 ', phone: '139-1234-5678', relationship: ' 女儿 ' };
    const result = validateApplication(body, schema);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.applicant).toMatchObject({
      fullName: 'Zoë Li',
      idNumber: '310104196803151234',
      phone: '13812345678',
    });
    expect(result.value.trustedContact).toEqual({
      name: '王芳',
      phone: '13912345678',
      relationship: '女儿',
    });
  });

  it('names each refused field with a reason code', () => {
    const body = valid() as unknown as Record<string, unknown>;
    expect(issues({ ...body, amount: '1000' })).toEqual([
      { field: 'amount', reason: 'wrong-type' },
    ]);
    expect(issues({ ...body, amount: 0 })).toEqual([{ field: 'amount', reason: 'too-small' }]);
    expect(issues({ ...body, amount: 1e13 })).toEqual([{ field: 'amount', reason: 'too-large' }]);
    expect(issues({ ...body, months: 12.5 })).toEqual([
      { field: 'months', reason: 'not-whole-number' },
    ]);
    expect(issues({ ...body, method: 'balloon' })).toEqual([
      { field: 'method', reason: 'not-allowed' },
    ]);
    expect(issues({ ...body, extra: 1 })).toEqual([{ field: 'extra', reason: 'unknown-field' }]);
    expect(issues({ ...body, locale: undefined })).toEqual([
      { field: 'locale', reason: 'required' },
    ]);
    expect(issues({ ...body, productId: '  ' })).toEqual([
      { field: 'productId', reason: 'required' },
    ]);
    expect(issues({ ...body, productId: 'shop/../x' })).toEqual([
      { field: 'productId', reason: 'not-allowed' },
    ]);
  });

  it('refuses what is not an object at all', () => {
    for (const input of [null, [], 'application', 42, true]) {
      expect(issues(input)).toEqual([{ field: null, reason: 'wrong-type' }]);
    }
  });

  it('refuses control characters and bidirectional overrides in free text', () => {
    const body = valid();
    body.trustedContact = { name: '王芳', phone: '13912345678', relationship: 'son\u202Eevil' };
    expect(issues(body)).toEqual([
      { field: 'trustedContact.relationship', reason: 'text-characters' },
    ]);
  });

  it('says why an identity detail is refused', () => {
    const check = (change: (b: ApplicationBody) => void) => {
      const body = valid();
      change(body);
      return issues(body);
    };
    expect(check((b) => (b.applicant.idNumber = '310104196803151235'))).toEqual([
      { field: 'applicant.idNumber', reason: 'id-check-digit' },
    ]);
    expect(check((b) => (b.applicant.dateOfBirth = '1968-03-16'))).toEqual([
      { field: 'applicant.idNumber', reason: 'id-birth-date-mismatch' },
    ]);
    expect(check((b) => (b.applicant.country = 'HK'))).toEqual([
      { field: 'applicant.idNumber', reason: 'id-type-country' },
      { field: 'applicant.phone', reason: 'phone-length' },
    ]);
    expect(check((b) => (b.applicant.dateOfBirth = '2010-02-30'))).toEqual([
      { field: 'applicant.dateOfBirth', reason: 'dob-not-a-date' },
    ]);
    expect(check((b) => (b.applicant.phone = '1381234'))).toEqual([
      { field: 'applicant.phone', reason: 'phone-length' },
    ]);
  });

  it('accepts another place by its tables', () => {
    const body = valid();
    body.applicant = {
      fullName: 'Chan Tai Man',
      dateOfBirth: '1970-01-01',
      idType: 'national-id',
      idNumber: 'A123456(7)',
      phone: '9123 4567',
      country: 'HK',
    };
    const result = validateApplication(body, schema);
    expect(result.ok && result.value.applicant).toMatchObject({
      idNumber: 'A1234567',
      phone: '91234567',
    });
  });

  it('judges age by the today it is given', () => {
    const body = valid();
    body.applicant.dateOfBirth = '2007-06-02';
    body.applicant.idNumber = '310104200706021234';
    const before = createApplicationSchema({ today: () => '2025-06-01' });
    const after = createApplicationSchema({ today: () => '2025-06-02' });
    expect(validateApplication(body, before)).toMatchObject({
      ok: false,
      issues: [{ field: 'applicant.dateOfBirth', reason: 'dob-too-young' }],
    });
    expect(validateApplication(body, after).ok).toBe(true);
  });

  it('refuses a pressured applicant and an unaccepted declaration', () => {
    expect(issues({ ...valid(), safety: { pressured: true } })).toEqual([
      { field: 'safety.pressured', reason: 'safety-pressured' },
    ]);
    expect(issues({ ...valid(), declaration: { accepted: false } })).toEqual([
      { field: 'declaration.accepted', reason: 'declaration-not-accepted' },
    ]);
  });
});

describe('an assisted application', () => {
  const assisted = (enteredBy: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    ...valid(),
    assisted: { staffId: 'S-7F3Q', branch: ' Pudong 3 ', enteredBy, ...extra },
  });

  it('records the staff member, the branch, and who entered each answer', () => {
    const enteredBy = Object.fromEntries(
      ANSWER_FIELDS.map((field, i) => [
        field,
        i % 2 && field !== 'pressured' ? 'staff' : 'applicant',
      ]),
    );
    const result = validateApplication(
      assisted({ ...enteredBy, teachBack: 'applicant', declaration: 'applicant' }),
      schema,
    );
    expect(result.ok && result.value.assisted).toEqual({
      staffId: 'S-7F3Q',
      branch: 'Pudong 3',
      enteredBy: { ...enteredBy, teachBack: 'applicant', declaration: 'applicant' },
    });
  });

  it('accepts answers not yet recorded (an answer left out was not given)', () => {
    const result = validateApplication(assisted({ fullName: 'staff' }), schema);
    expect(result.ok && result.value.assisted?.enteredBy).toEqual({ fullName: 'staff' });
  });

  it('refuses a record of who entered what that is not an object', () => {
    for (const wrong of [[], ['staff'], 'staff', null]) {
      const body = assisted({});
      (body.assisted as { enteredBy: unknown }).enteredBy = wrong;
      expect(issues(body)).toEqual([{ field: 'assisted.enteredBy', reason: 'wrong-type' }]);
    }
  });

  it('refuses a claim that staff gave the teach-back, the declaration or the safety answer', () => {
    expect(issues(assisted({ teachBack: 'staff' }))).toEqual([
      { field: 'assisted.enteredBy.teachBack', reason: 'applicant-only' },
    ]);
    expect(issues(assisted({ declaration: 'staff' }))).toEqual([
      { field: 'assisted.enteredBy.declaration', reason: 'applicant-only' },
    ]);
    expect(issues(assisted({ pressured: 'staff' }))).toEqual([
      { field: 'assisted.enteredBy.pressured', reason: 'applicant-only' },
    ]);
  });

  it('refuses anyone but the applicant or staff, unknown answers, and a missing record', () => {
    expect(issues(assisted({ amount: 'neighbour' }))).toEqual([
      { field: 'assisted.enteredBy.amount', reason: 'not-allowed' },
    ]);
    expect(issues(assisted({ nickname: 'staff' }))).toEqual([
      { field: 'assisted.enteredBy.nickname', reason: 'unknown-field' },
    ]);
    expect(issues({ ...valid(), assisted: { staffId: 'S-7F3Q', branch: 'Pudong 3' } })).toEqual([
      { field: 'assisted.enteredBy', reason: 'required' },
    ]);
    expect(issues(assisted({}, { branch: '  ' }))).toEqual([
      { field: 'assisted.branch', reason: 'required' },
    ]);
    expect(issues(assisted({}, { branchId: 'SH-PD-03' }))).toEqual([
      { field: 'assisted.branchId', reason: 'unknown-field' },
    ]);
  });
});

describe('checking terms against the product', () => {
  it('accepts terms the product offers with the figures the engine computes', () => {
    expect(checkTerms(valid(), shop, today)).toBeNull();
  });

  it('discloses the rate on the basis the product names', () => {
    const terms = loanTermsFor(shop, { principal: 1_000_000, months: 12, method: 'annuity' });
    const schedule = buildSchedule(terms);
    expect(disclosedFigures(schedule, 'effective').annualRatePercent).toBe(
      schedule.apr.effectivePercent,
    );
    expect(disclosedFigures(schedule, 'nominal').annualRatePercent).toBe(
      schedule.apr.nominalPercent,
    );
    expect(disclosedFigures(schedule, 'nominal').monthlyPayment).toBe(
      schedule.instalments[0]?.payment,
    );
  });

  it('refuses each rule with the field it is about', () => {
    const withTerms = (change: Partial<ApplicationBody>) => {
      const body = { ...valid(), ...change };
      return checkTerms({ ...body, figures: engineFigures(shop, body) }, shop, today);
    };
    expect(checkTerms(valid(), undefined, today)).toEqual({
      field: 'productId',
      reason: 'product-unknown',
    });
    expect(withTerms({ amount: 400_000 })?.reason).toBe('amount-below-minimum');
    expect(withTerms({ amount: 5_100_000 })?.reason).toBe('amount-above-maximum');
    expect(withTerms({ amount: 1_050_000 })?.reason).toBe('amount-step');
    expect(withTerms({ months: 9 })?.reason).toBe('months-not-offered');
    const oldie = valid();
    oldie.applicant.dateOfBirth = '1950-01-01';
    expect(checkTerms(oldie, shop, today)).toEqual({
      field: 'applicant.dateOfBirth',
      reason: 'age-above-maximum',
    });
  });

  it('refuses figures off by one fen, or a rate off by a hundredth', () => {
    const body = valid();
    body.figures = { ...body.figures, monthlyPayment: body.figures.monthlyPayment - 1 };
    expect(checkTerms(body, shop, today)).toEqual({
      field: 'figures.monthlyPayment',
      reason: 'figures-mismatch',
    });
    const rate = valid();
    rate.figures = { ...rate.figures, annualRatePercent: rate.figures.annualRatePercent + 0.01 };
    expect(checkTerms(rate, shop, today)?.field).toBe('figures.annualRatePercent');
    const rounded = valid();
    rounded.figures = {
      ...rounded.figures,
      annualRatePercent: Math.round(rounded.figures.annualRatePercent * 100) / 100,
    };
    expect(checkTerms(rounded, shop, today)).toBeNull();
  });
});
