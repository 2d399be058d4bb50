/** The studio can be used from the keyboard: sign in, skip to content, open and dismiss a confirmation. */
import { expect, test } from '@playwright/test';
import { PASSWORD, email, studio } from '../support/studio.ts';

test('keyboard only: sign in, skip link, navigation and a dismissible confirmation', async ({ page }) => {
  await page.goto(studio('/signin'));
  // The e-mail field has focus on arrival.
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type(email('editor'));
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/integrations\/[^/]+$/);

  // On a fresh page load the first Tab reaches "Skip to content".
  await page.goto(page.url());
  await expect(page.getByTestId('flow-card-catalog')).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);

  // Navigation links are reachable and work with Enter.
  await page.getByRole('link', { name: 'Mappings' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/mappings$/);
  await page.locator('[data-testid="mapping-row"][data-flow="catalog"] a').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('published-version')).toBeVisible();
  const start = page.getByTestId('start-draft');
  if (await start.isVisible()) {
    await start.focus();
    await page.keyboard.press('Enter');
  }

  // A confirmation takes focus and Escape closes it without doing anything.
  const publish = page.getByTestId('publish');
  await expect(publish).toBeVisible();
  await publish.focus();
  await page.keyboard.press('Enter');
  const dialog = page.locator('dialog[open]');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('save-draft')).toBeVisible();
});
