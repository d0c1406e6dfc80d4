// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { navigate } from '../app/router';
import { emptyAnswers } from '../journey/answers';
import { applicationBody } from '../journey/application-body';
import {
  answers,
  draftForTransfer,
  enteredBy,
  resetAnswers,
  saveAnswers,
  takeBackAnswers,
} from '../journey/store';
import { createApplicationSchema, validateApplication } from '../loan/application';
import catalogJson from '../loan/catalog/products.json';
import { type Product, parseCatalog } from '../loan/index';
import { sampleApplication } from '../loan/test-fixtures';
import { answeringNow } from './answering';
import { assistedNow } from './assisted-now';
import { assistedRecord, recordEntered } from './entered-by';
import { forgetStaffSession, keepStaffSession } from './staff-session';

const STAFF = { id: 'S-7F3Q', name: 'Li Wei', branch: 'Pudong 3' };

const ATTESTATION = 'signed-by-the-server';

function signIn(serverAhead = 0): void {
  keepStaffSession({
    token: 't',
    staff: STAFF,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    attestation: ATTESTATION,
    issuedAt: new Date(Date.now() + serverAhead).toISOString(),
  });
}

afterEach(() => {
  forgetStaffSession();
  resetAnswers();
  localStorage.clear();
});

describe('who entered each answer', () => {
  it('is the last person to change it, grouping the fields of one answer', () => {
    let map = recordEntered({}, { dobDay: '1', dobMonth: '2' }, 'staff');
    expect(map).toEqual({ dateOfBirth: 'staff' });
    map = recordEntered(map, { dobYear: '1950', phone: '138' }, 'applicant');
    expect(map).toEqual({ dateOfBirth: 'applicant', phone: 'applicant' });
    map = recordEntered(
      map,
      { contactName: 'x', teachBackAttempts: 1, idempotencyKey: 'k' },
      'staff',
    );
    expect(map).toEqual({ dateOfBirth: 'applicant', phone: 'applicant', trustedContact: 'staff' });
  });

  it('follows the "who is answering" choice while staff help, and resets to the customer on each page', () => {
    signIn();
    navigate('/apply/about-you');
    expect(answeringNow.value).toBe('applicant');
    saveAnswers({ fullName: '王秀英' });
    answeringNow.value = 'staff';
    saveAnswers({ idNumber: '110105196803271235' });
    expect(enteredBy.value).toEqual({ fullName: 'applicant', idNumber: 'staff' });
    navigate('/apply/income');
    expect(answeringNow.value).toBe('applicant');
    saveAnswers({ incomeBand: '2000-3999' });
    expect(enteredBy.value.incomeBand).toBe('applicant');
  });

  it('is always the applicant without a staff session, whatever the toggle last said', () => {
    answeringNow.value = 'staff';
    saveAnswers({ phone: '13800138000' });
    expect(enteredBy.value).toEqual({ phone: 'applicant' });
  });

  it('travels with a resume code and comes back with it', () => {
    signIn();
    answeringNow.value = 'staff';
    saveAnswers({ fullName: '王秀英', idempotencyKey: 'old-key' });
    const draft = draftForTransfer();
    expect(draft).toMatchObject({ version: 1, enteredBy: { fullName: 'staff' } });
    expect(draft.answers.idempotencyKey).toBe('');
    resetAnswers();
    expect(enteredBy.value).toEqual({});
    takeBackAnswers(draft.answers, '/apply/income', {
      ...draft.enteredBy,
      bogus: 'staff',
      phone: 'x',
    });
    expect(answers.value.fullName).toBe('王秀英');
    expect(enteredBy.value).toEqual({ fullName: 'staff' });
  });

  it("goes in the application as the server schema accepts it, teach-back and declaration the applicant's", () => {
    const madeAt = new Date('2025-06-01T03:04:05.000Z');
    const record = assistedRecord(
      { staff: STAFF, attestation: ATTESTATION },
      { fullName: 'staff', amount: 'applicant' },
      madeAt,
    );
    expect(record).toMatchObject({
      staffId: STAFF.id,
      attestation: ATTESTATION,
      madeAt: madeAt.toISOString(),
    });
    expect(record).not.toHaveProperty('branch');
    expect(record.enteredBy).toMatchObject({
      fullName: 'staff',
      amount: 'applicant',
      phone: 'applicant',
      teachBack: 'applicant',
      declaration: 'applicant',
    });
    const shop = parseCatalog(catalogJson).products.find(
      (p) => p.id === 'shop-working-capital',
    ) as Product;
    const body = {
      ...sampleApplication(shop, { amount: 1_000_000, months: 12, method: 'annuity' }),
      assisted: record,
    };
    const result = validateApplication(
      body,
      createApplicationSchema({ today: () => '2025-06-01' }),
    );
    expect(result.ok && result.value.assisted).toEqual({ ...record, enteredBy: record.enteredBy });
  });

  it('is sent only while staff are signed in', () => {
    const a = emptyAnswers();
    const figures = {
      monthlyPayment: 1,
      totalPayable: 1,
      totalInterest: 0,
      fees: 0,
      annualRate: '0',
    };
    expect(assistedNow()).toBeNull();
    expect(applicationBody(a, figures as never, 'en', assistedNow()).assisted).toBeNull();
    signIn();
    expect(applicationBody(a, figures as never, 'en', assistedNow()).assisted).toMatchObject({
      staffId: 'S-7F3Q',
      attestation: ATTESTATION,
    });
  });

  it("says when it was made on the server's clock, whatever this tablet's clock says", () => {
    const serverAhead = 37 * 60_000;
    signIn(serverAhead);
    const before = Date.now();
    const madeAt = Date.parse(assistedNow()?.madeAt ?? '');
    expect(madeAt).toBeGreaterThanOrEqual(before + serverAhead);
    expect(madeAt).toBeLessThanOrEqual(Date.now() + serverAhead);
  });
});
