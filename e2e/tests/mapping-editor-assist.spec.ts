/**
 * The code editor helps a non-developer: completion of functions (with their docs)
 * and source fields, hover with the value on the selected sample record, and inline
 * diagnostics that block publishing. Nothing is saved here.
 */
import { expect, test } from '@playwright/test';
import { shot, signIn, studio } from '../support/studio.ts';

test('Monaco offers completion, hover values and inline diagnostics', async ({ page }) => {
  await signIn(page, 'editor');
  await page.goto(studio('/mappings'));
  await page.locator('[data-testid="mapping-row"][data-flow="catalog"] a').first().click();
  await expect(page.getByTestId('published-version')).toBeVisible();
  const start = page.getByTestId('start-draft');
  if (await start.isVisible()) await start.click();
  await expect(page.getByTestId('save-draft')).toBeVisible();

  await page.getByTestId('market-ALL').click();
  await page.getByTestId('rule-brand').click();
  await page.getByTestId('mode-code').click();
  const editor = page.getByTestId('rule-code-editor').locator('.monaco-editor');
  await expect(editor).toBeVisible();
  await expect(page.getByTestId('sample-picker')).not.toHaveValue('');

  // Hover a source field: its value on the selected sample record.
  // The rule is `brand ~> …`: the first characters of line 1 are the field.
  const line = editor.locator('.view-line').first();
  await expect(line).toContainText('brand');
  // Monaco re-renders its view lines (e.g. when the sample record arrives): the line
  // can be momentarily detached, so take its box again until there is one.
  await expect(async () => {
    const box = await line.boundingBox();
    expect(box, 'the first Monaco line is laid out').not.toBeNull();
    await page.mouse.move(box!.x + 12, box!.y + box!.height / 2);
    await page.mouse.move(box!.x + 16, box!.y + box!.height / 2);
  }).toPass({ timeout: 30_000 });
  const hover = page.locator('.monaco-hover').filter({ hasText: 'On the selected sample' }).first();
  await expect(hover).toBeVisible();
  await expect(hover).toContainText('brand');
  await shot(page, '40-monaco-hover');

  // Completion of functions, with their documentation.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' ~> $trunc');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toBeVisible();
  await expect(suggest).toContainText('$truncateWords');
  await shot(page, '41-monaco-completion');
  await page.keyboard.press('Escape');

  // An unknown function is an inline error and blocks publishing.
  await page.keyboard.type('ate(3) ~> $noSuchFunction()');
  await expect(editor.locator('.squiggly-error').first()).toBeVisible();
  await expect(page.getByTestId('rule-diagnostics')).toHaveAttribute('data-errors', /[1-9]/);
  await expect(page.getByTestId('draft-problems')).toBeVisible();
  await expect(page.getByTestId('publish')).toBeDisabled();
  await shot(page, '42-monaco-diagnostics');
});
