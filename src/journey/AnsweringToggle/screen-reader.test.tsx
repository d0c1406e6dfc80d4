// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { virtual } from '@guidepup/virtual-screen-reader';
import { render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import {
  heardSince,
  settle,
  withVirtualScreenReader,
} from '../../../a11y-tests/support/virtual-screen-reader';
import enAssist from '../../../locales/en/assist.json';
import { loadAllStrings } from '../../core/i18n';
import { navigate } from '../../core/router';
import { forgetStaffSession, keepStaffSession } from '../../core/staff-session';
import { answeringNow, handOver, resetAnswering } from '../answering';
import { AnsweringToggle } from '.';

describe('"Who is answering this page?", as a screen reader user hears it', () => {
  withVirtualScreenReader();
  afterEach(() => {
    forgetStaffSession();
    resetAnswering();
  });

  it('says on the next page that staff are still answering, until the hand-over', async () => {
    await loadAllStrings();
    keepStaffSession({
      token: 't',
      staff: { id: 'S-7F3Q', name: 'Li Wei', branch: 'Pudong 3' },
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      attestation: 'signed-by-the-server',
      issuedAt: new Date().toISOString(),
    });
    navigate('/apply/amount');
    answeringNow.value = 'staff';
    navigate('/apply/term');
    const { container, unmount } = render(<AnsweringToggle step="term" />);
    await settle();
    await virtual.start({ container });
    for (let i = 0; i < 8; i++) await virtual.next();
    const heard = (await heardSince()).join('\n');
    // The radio focus lands on reads the hint that says staff are answering.
    expect(heard).toContain(`radio, ${enAssist.answering.staff}, ${enAssist.answering.staffHint}`);
    const staffRadio = container.querySelector<HTMLInputElement>('input[value="staff"]');
    expect(staffRadio?.checked).toBe(true);
    await virtual.stop();
    unmount();

    // Handed over: the customer again.
    handOver();
    const after = render(<AnsweringToggle step="income" />);
    await settle();
    await virtual.start({ container: after.container });
    for (let i = 0; i < 8; i++) await virtual.next();
    const heardAfter = (await heardSince()).join('\n');
    expect(heardAfter).toContain(
      `radio, ${enAssist.answering.applicant}, ${enAssist.answering.hint}`,
    );
    expect(heardAfter).not.toContain(enAssist.answering.staffHint);
    const customerRadio = after.container.querySelector<HTMLInputElement>(
      'input[value="applicant"]',
    );
    expect(customerRadio?.checked).toBe(true);
  });
});
