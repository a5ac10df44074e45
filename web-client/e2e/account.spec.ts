import { expect, test } from '@playwright/test';
import { PASSWORD, registerNewUser } from './helpers';

const NEW_PASSWORD = 'copper meadow signal 7';

test('theAccountDialogChangesThePasswordAndSignsOutTheOtherSessions', async ({ browser, page }) => {
  const user = await registerNewUser(page, 'acct');

  // a second browser signed in to the same account before the change
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto('/sign-in');
  await otherPage.getByLabel('Username').fill(user);
  await otherPage.getByLabel('Password').fill(PASSWORD);
  await otherPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(otherPage.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await page.getByRole('button', { name: `Account: ${user}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Account' });
  const sessions = dialog.getByRole('list', { name: 'Sessions' });
  await expect(sessions.getByRole('listitem')).toHaveCount(2);
  await expect(sessions.getByText('this session')).toBeVisible();

  await dialog.getByLabel('Current password').fill('not the password');
  await dialog.getByLabel('New password').fill(NEW_PASSWORD);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.locator('#current-password-error')).toBeVisible();

  await dialog.getByLabel('Current password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByRole('status')).toContainText('Password changed');
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // the other browser's session is over: its next call sends it to sign in
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/sign-in$/);
  await other.close();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
