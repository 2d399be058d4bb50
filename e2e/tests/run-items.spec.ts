/**
 * A record that fails is kept with its reason and can be retried or resolved:
 * publish a title rule that refuses one item, run, open the run, retry that
 * record, then resolve it; finally roll the mapping back.
 */
import { expect, test } from '@playwright/test';
import { runNowAndWait, shot, signIn, studio, waitForOperation } from '../support/studio.ts';

const FAILING = 'ART-000003';

test('failed records show their reason and can be retried and resolved', async ({ page }) => {
  const integrationId = await signIn(page, 'editor');
  await page.goto(studio('/mappings'));
  await page.locator('[data-testid="mapping-row"][data-flow="catalog"] a').first().click();
  await expect(page.getByTestId('published-version')).toBeVisible();
  const live = (await page.getByTestId('published-version').innerText()).trim().replace(/^v/, '');
  const start = page.getByTestId('start-draft');
  if (await start.isVisible()) await start.click();
  await expect(page.getByTestId('save-draft')).toBeVisible();

  // A title rule that refuses one item.
  await page.getByTestId('market-ALL').click();
  await page.getByTestId('rule-title').click();
  await page.getByTestId('mode-code').click();
  const editor = page.getByTestId('rule-code-editor').locator('.monaco-editor');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(`sku = "${FAILING}" ? $error("This item has no title in the ERP") : $truncateWords(name, 150)`);
  await expect(page.getByTestId('rule-expression')).toContainText('$error(');
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('save-draft')).toHaveText('Saved');
  await page.getByTestId('publish').click();
  const published = waitForOperation(page, 'PublishMappingVersion');
  await page.locator('dialog[open]').getByTestId('confirm-button').click();
  expect((await published).ok()).toBeTruthy();
  await expect(page.getByTestId('published-version')).not.toHaveText(`v${live}`);

  // The run keeps going and lists the failed record with its reason.
  const runId = await runNowAndWait(page, integrationId, 'catalog');
  await page.goto(studio(`/runs/${runId}`));
  await page.getByTestId('item-filter').selectOption('FAILED');
  const failed = page.locator('[data-testid="run-item"][data-item-status="FAILED"]').filter({ hasText: FAILING }).first();
  await expect(failed).toBeVisible({ timeout: 30_000 });
  await expect(failed).toContainText('no title');
  await shot(page, '50-run-failed-record');

  // Retry it (single) …
  const retried = waitForOperation(page, 'RetryRunItems');
  await failed.getByRole('button', { name: 'Retry' }).click();
  expect((await retried).ok()).toBeTruthy();
  await expect(page.getByRole('status').filter({ hasText: 'queued for retry' })).toBeVisible();

  // … and resolve what is still failed (bulk, with a note).
  await page.getByTestId('item-filter').selectOption('');
  await page.getByTestId('item-filter').selectOption('FAILED');
  const stillFailed = page.locator('[data-testid="run-item"][data-item-status="FAILED"]');
  if ((await stillFailed.count()) > 0) {
    await page.getByRole('checkbox', { name: 'Select all failed records' }).check();
    await page.getByTestId('bulk-resolve').click();
    await page.locator('dialog[open]').getByLabel('Note (optional)').fill('Title added in Charisma by hand');
    const resolved = waitForOperation(page, 'ResolveRunItems');
    await page.locator('dialog[open]').getByTestId('confirm-button').click();
    expect((await resolved).ok()).toBeTruthy();
    await expect(page.getByRole('status').filter({ hasText: 'marked as resolved' })).toBeVisible();
  }
  await page.getByTestId('item-filter').selectOption('');
  await expect(page.locator('[data-testid="run-item"]').filter({ hasText: FAILING }).first()).not.toHaveAttribute('data-item-status', 'FAILED');
  await shot(page, '51-run-resolved');

  // Put the mapping back as it was.
  await page.goto(studio('/mappings'));
  await page.locator('[data-testid="mapping-row"][data-flow="catalog"] a').first().click();
  await page.getByTestId('tab-history').click();
  await page.getByTestId(`rollback-${live}`).click();
  await page.locator('dialog[open]').getByTestId('confirm-button').click();
  await expect(page.getByTestId('published-version')).toHaveText(`v${live}`);
});
