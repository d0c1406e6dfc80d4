import { expect, test } from '@playwright/test';
import {
  applicantName,
  arrive,
  fillToDeclaration,
  H1,
  ID_NUMBER,
  pressSend,
} from './support/offline';
import { storedApplications } from './support/stored';

const TITLE = 'What Kindly keeps';

test('asks the lender to erase a withdrawn application, then erases what the tablet keeps', async ({
  page,
}) => {
  const name = applicantName('隐私', test.info());
  await fillToDeclaration(page, name);
  await pressSend(page);
  await arrive(page, H1.sent);
  const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
  const sent = await page.evaluate(
    () => JSON.parse(localStorage.getItem('kindly.sent') ?? '[]')[0] as Record<string, string>,
  );
  expect(sent.reference).toBe(reference);

  // Withdrawn on My applications, then the page is reached from there.
  await page.goto('/applications');
  await arrive(page, 'My applications');
  await page.getByRole('button', { name: `Withdraw ${reference}` }).click();
  await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
  await expect(page.locator('main')).toContainText(`Application ${reference} is withdrawn.`);
  await page
    .getByRole('link', { name: 'What Kindly keeps about you, and how to erase it' })
    .click();
  await arrive(page, TITLE);
  const card = page.getByRole('region', { name: `Application ${reference}` });
  await expect(card).toContainText(/Personal details kept until\s*\d{1,2} \w+ \d{4}/);

  // The lender's copy: asked first, then erased on the real server.
  await card.getByRole('button', { name: `Ask to erase ${reference}` }).click();
  await expect(page.locator(':focus')).toContainText('Ask the lender to erase');
  await card.getByRole('button', { name: 'Yes, ask to erase' }).click();
  const erased = `The lender has erased your personal details for application ${reference}.`;
  await expect(page.locator(':focus')).toHaveText(erased);
  const stored = storedApplications().find((app) => app.reference === reference);
  expect(stored?.body).toBeDefined();
  expect(stored?.body).not.toContain(name);
  expect(stored?.body).not.toContain(ID_NUMBER);
  const after = await page.evaluate(
    async ({ id, token }) =>
      (await fetch(`/api/applications/${id}`, { headers: { Authorization: `Bearer ${token}` } }))
        .status,
    { id: sent.id, token: sent.accessToken },
  );
  expect(after).toBe(410);

  // An unfinished application, then the tablet's data, reached from the header.
  await page.goto('/apply');
  await arrive(page, H1.choose);
  await page.getByRole('radio', { name: /Home repair loan/ }).check();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await arrive(page, H1.amount);
  await page.getByRole('navigation').getByRole('link', { name: 'What we keep' }).click();
  await arrive(page, TITLE);
  await expect(page.locator('main')).toContainText('An application you have not finished.');
  await page.getByRole('button', { name: 'Erase what this tablet keeps' }).click();
  await expect(page.locator(':focus')).toContainText('Erase what this tablet keeps?');
  await page.getByRole('button', { name: 'Yes, erase it' }).click();
  await expect(page.locator(':focus')).toContainText('What this tablet kept about you is erased.');
  expect(
    await page.evaluate(() => [localStorage.getItem('kindly.sent'), localStorage.length]),
  ).toEqual([null, 0]);
  await page.reload();
  await arrive(page, TITLE);
  await expect(page.locator('main')).toContainText('No unfinished application.');
  await expect(page.locator('main')).toContainText(
    'You have not sent any applications from this tablet.',
  );
});
