// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { navigate } from '../core/router';
import { forgetStaffSession, keepStaffSession } from '../core/staff-session';
import { createApplicationSchema, validateApplication } from '../loan/application';
import catalogJson from '../loan/catalog/products.json';
import { type Product, parseCatalog } from '../loan/index';
import { sampleApplication } from '../loan/test-fixtures';
import { answeringNow, handOver, isHandedOver } from './answering';
import { emptyAnswers } from './answers';
import { applicationBody } from './application-body';
import { assistedNow } from './assisted-now';
import { assistedRecord, recordEntered } from './entered-by';
import { JourneyStore } from './store';

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

// Each test has a store of its own rather than resetting the app's.
let store: JourneyStore;

beforeEach(() => {
  store = new JourneyStore();
});

afterEach(() => {
  forgetStaffSession();
  store[Symbol.dispose]();
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

  it('follows the "who is answering" choice while staff help, keeping it from page to page until the hand-over', () => {
    signIn();
    navigate('/apply/about-you');
    expect(answeringNow.value).toBe('applicant');
    store.saveAnswers({ fullName: '王秀英' });
    answeringNow.value = 'staff';
    store.saveAnswers({ idNumber: '110105196803271235' });
    expect(store.enteredBy.value).toEqual({ fullName: 'applicant', idNumber: 'staff' });
    navigate('/apply/income');
    expect(answeringNow.value).toBe('staff');
    store.saveAnswers({ incomeBand: '2000-3999' });
    expect(store.enteredBy.value.incomeBand).toBe('staff');
    handOver();
    expect(answeringNow.value).toBe('applicant');
    expect(isHandedOver.value).toBe(true);
    store.saveAnswers({ phone: '13800138000' });
    expect(store.enteredBy.value.phone).toBe('applicant');
    store.resetAnswers();
    expect(isHandedOver.value).toBe(false);
  });

  it('never records the safety answer as staff’s, whatever the toggle says', () => {
    signIn();
    answeringNow.value = 'staff';
    store.saveAnswers({ pressured: 'no', fullName: '王秀英' });
    expect(store.enteredBy.value).toEqual({ pressured: 'applicant', fullName: 'staff' });
    expect(
      assistedRecord({ staff: STAFF, attestation: ATTESTATION }, store.enteredBy.value, new Date())
        .enteredBy.pressured,
    ).toBe('applicant');
  });

  it('does not change who entered an answer given again unchanged', () => {
    signIn();
    answeringNow.value = 'staff';
    store.saveAnswers({ amountText: '10,000', amount: 1_000_000 });
    expect(store.enteredBy.value.amount).toBe('staff');
    answeringNow.value = 'applicant';
    // Continue on "Change Amount" without a change saves the same values again.
    store.saveAnswers({ amountText: '10,000', amount: 1_000_000 });
    expect(store.enteredBy.value.amount).toBe('staff');
    store.saveAnswers({ amountText: '12,000', amount: 1_200_000 });
    expect(store.enteredBy.value.amount).toBe('applicant');
  });

  it('is always the applicant without a staff session, whatever the toggle last said', () => {
    answeringNow.value = 'staff';
    store.saveAnswers({ phone: '13800138000' });
    expect(store.enteredBy.value).toEqual({ phone: 'applicant' });
  });

  it('travels with a resume code and comes back with it', () => {
    signIn();
    answeringNow.value = 'staff';
    store.saveAnswers({ fullName: '王秀英', idempotencyKey: 'old-key' });
    const draft = store.draftForTransfer();
    expect(draft).toMatchObject({ version: 1, enteredBy: { fullName: 'staff' } });
    expect(draft.answers.idempotencyKey).toBe('');
    store.resetAnswers();
    expect(store.enteredBy.value).toEqual({});
    store.takeBackAnswers(draft.answers, '/apply/income', {
      ...draft.enteredBy,
      bogus: 'staff',
      phone: 'x',
    });
    expect(store.answers.value.fullName).toBe('王秀英');
    expect(store.enteredBy.value).toEqual({ fullName: 'staff' });
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
