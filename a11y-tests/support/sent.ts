// The application most tests start from once it has been sent: as this device keeps it in its
// list of sent applications (localStorage 'kindly.sent'), before the lender has answered.
import type { SentApplication } from '../../src/storage/sent-applications';

/** A sent application: 12,500 yuan over 12 months for a home repair, waiting for a reviewer. */
export const SENT_APPLICATION: SentApplication = {
  id: 'app-1',
  reference: 'KND-7F3-Q9C',
  accessToken: 'not-a-real-token',
  receivedAt: '2026-11-28T09:00:00.000Z',
  withdrawableUntil: '2099-12-12T09:00:00.000Z',
  productId: 'home-repair',
  amount: 1_250_000,
  months: 12,
  monthlyPayment: 107_843,
  currency: 'CNY',
  status: 'received',
};
