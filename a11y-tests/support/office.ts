// What the back office's browser tests share: reviewer accounts made with the real script,
// applications sent through the real API, and signing in as a reviewer would.
import { readFileSync } from 'node:fs';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import type { Product } from '../../src/loan';
import { type ApplicationTerms, sampleApplication } from '../../src/loan/test-fixtures';
import { addStaff as addStaffTo, STAFF_PASSCODE } from './staff';
import { serverStoreEnv } from './stored';

/** Every test account's passcode. */
export const PASSCODE = STAFF_PASSCODE;

/** The sample catalog, as the test server serves it. */
export const PRODUCTS = (
  JSON.parse(readFileSync('src/loan/catalog/products.json', 'utf8')) as { products: Product[] }
).products;

/** A product of the sample catalog by id. */
export function productOf(id: string): Product {
  const product = PRODUCTS.find((p) => p.id === id);
  if (!product) throw new Error(`no product ${id}`);
  return product;
}

/** Makes a staff account at the head office in the test server's store; its new id. */
export function addStaff(name: string, role: 'branch' | 'reviewer'): string {
  return addStaffTo(serverStoreEnv(), name, 'Head office', role);
}

/** An application's receipt: how the applicant reads its state. */
export interface Receipt {
  id: string;
  reference: string;
  accessToken: string;
}

/** Sends an application through the API (as the app's outbox does), with an income that
 *  affords it; answers the receipt. */
export async function sendApplication(
  request: APIRequestContext,
  productId: string,
  terms: Partial<ApplicationTerms>,
  name = '王小明',
): Promise<Receipt> {
  const body = sampleApplication(productOf(productId), terms);
  body.income.monthlyIncomeBand = '20000-plus';
  body.applicant.fullName = name;
  const sent = await request.post('/api/applications', {
    data: body,
    headers: { 'Idempotency-Key': crypto.randomUUID() },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  return (await sent.json()) as Receipt;
}

/** The application's state and answer, as the applicant's app reads them. */
export async function applicantView(request: APIRequestContext, receipt: Receipt) {
  const answer = await request.get(`/api/applications/${receipt.id}`, {
    headers: { Authorization: `Bearer ${receipt.accessToken}` },
  });
  expect(answer.status()).toBe(200);
  return (await answer.json()) as {
    status: string;
    answer: null | { kind: string; offer?: Record<string, number | string>; reason?: string };
  };
}

/** Signs in at /office with the English form's labels and waits for the queue. */
export async function signInReviewer(page: Page, staffId: string): Promise<void> {
  await page.goto('/office');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Back office: reviewer sign-in');
  await page.getByRole('textbox', { name: 'Staff ID' }).fill(staffId);
  await page.getByLabel('Passcode').fill(PASSCODE);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Applications to review');
}

/** Finds an application by its reference in the queue and opens its page. */
export async function openByReference(page: Page, reference: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Find by reference' }).fill(reference);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Application ${reference}`);
}
