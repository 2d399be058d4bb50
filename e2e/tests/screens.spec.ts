/**
 * A walk through the other main screens as an editor/admin would use them, with
 * a screenshot of each: runs (filtered) and a run's records, the catalog with the
 * explanation of a pushed price, stock buffers previewed before saving, and a
 * connection form generated from its connector's schema, tested in place.
 */
import { expect, test } from '@playwright/test';
import { shot, signIn, studio } from '../support/studio.ts';

test('runs, catalog, stock buffers and connections work for an admin', async ({ page }) => {
  const integrationId = await signIn(page, 'admin');

  // Runs: filter by flow, open one, see its records and the mapping version it pinned.
  await page.goto(studio(`/integrations/${integrationId}/runs`));
  await expect(page.getByTestId('run-row').first()).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('filter-flow').selectOption('catalog');
  await expect(page).toHaveURL(/flow=catalog/);
  await expect(page.getByTestId('run-row').first()).toBeVisible();
  await shot(page, '30-runs');
  await page.getByTestId('run-row').first().getByRole('link').first().click();
  await expect(page.getByTestId('pinned-mapping')).toBeVisible();
  await expect(page.getByTestId('pinned-version')).toHaveText(/\d+/);
  await shot(page, '31-run-detail');

  // Catalog: a listing per market with the pushed price, and why it is that price.
  await page.goto(studio(`/integrations/${integrationId}/catalog`));
  await page.getByTestId('catalog-market-SE').click();
  const row = page.getByTestId('listing-row').first();
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row).toHaveAttribute('data-market', 'SE');
  await row.getByRole('button', { name: 'Explain' }).click();
  await expect(page.getByTestId('listing-why')).toBeVisible();
  // The price rule is replayed step by step with the FX fixing the run used.
  await expect(page.getByTestId('price-steps')).toBeVisible({ timeout: 30_000 });
  await shot(page, '32-catalog');

  // Stock buffers: the effect is previewed before anything is saved.
  await page.goto(studio(`/integrations/${integrationId}/stock`));
  await page.getByRole('button', { name: 'Add a rule' }).click();
  await expect(page.getByTestId('save-buffers')).toBeDisabled();
  await page.getByTestId('preview-buffers').click();
  await expect(page.getByTestId('buffer-preview')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('save-buffers')).toBeEnabled();
  await shot(page, '33-stock-buffers');

  // Connections: a form from the connector's schema; secrets are write-only; test in place.
  await page.goto(studio('/connections'));
  await expect(page.getByTestId('connection-row').first()).toBeVisible();
  await shot(page, '34-connections');
  await page.getByTestId('connection-row').first().getByRole('link').click();
  await page.getByTestId('test-connection').click();
  await expect(page.getByTestId('connection-message')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('input[type="password"]').first().or(page.getByTestId('connection-message'))).toBeVisible();
  for (const secret of await page.locator('input[type="password"]').all()) await expect(secret).toHaveValue('');
  await shot(page, '35-connection');
});
