/**
 * The mapping round trip, on one running stack (nothing restarted):
 * sign in → the first catalog sync has completed (watched live by 00-first-sync.spec.ts;
 * started here when this file runs alone) → change the SE price rounding in
 * the visual editor and the title rule in Monaco → preview and impact → publish →
 * run now → new prices on the CDON sandbox → roll back → old prices return.
 */
import { expect, test } from '@playwright/test';
import { cdonArticles, cdonPending, priceIn, titleOf, type CdonArticle } from '../support/sandbox.ts';
import { runNowAndWait, shot, signIn, studio, waitForOperation } from '../support/studio.ts';

const PRICE = 'price.amount_including_vat';

function snapshot(articles: CdonArticle[], market: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const a of articles) {
    const p = priceIn(a, market);
    if (p !== undefined) m.set(a.sku, p);
  }
  return m;
}

test('publish a mapping change, see new prices on CDON, roll back and see the old ones', async ({ page }) => {
  const integrationId = await signIn(page, 'editor');

  // 1. The first catalog sync has completed (00-first-sync.spec.ts watched it; run alone,
  //    this file starts it: the e2e stack does not run catalog at start-up).
  const catalog = page.getByTestId('flow-card-catalog');
  await expect(catalog).toBeVisible();
  if (await catalog.getByText('No run yet.').isVisible()) await runNowAndWait(page, integrationId, 'catalog');
  await expect(catalog.locator('[data-run-status]').first()).toHaveAttribute('data-run-status', /SUCCEEDED|PARTIAL/, { timeout: 180_000 });
  await shot(page, '01-dashboard');

  await expect.poll(async () => snapshot(await cdonArticles(), 'SE').size, { timeout: 120_000 }).toBeGreaterThan(0);
  await expect.poll(cdonPending, { timeout: 60_000 }).toBe(0);
  const before = await cdonArticles();
  const seBefore = snapshot(before, 'SE');
  const dkBefore = snapshot(before, 'DK');
  const titlesBefore = new Map(before.map((a) => [a.sku, titleOf(a)]));

  // 2. Open the catalog mapping and start a draft.
  await page.goto(studio('/mappings'));
  await shot(page, '02-mappings');
  await page.locator('[data-testid="mapping-row"][data-flow="catalog"] a').first().click();
  await expect(page.getByTestId('published-version')).toBeVisible();
  const liveBefore = (await page.getByTestId('published-version').innerText()).trim();
  const draftButton = page.getByTestId('start-draft');
  if (await draftButton.isVisible()) await draftButton.click();
  await expect(page.getByTestId('save-draft')).toBeVisible();

  // 3. SE price rounding, in the visual editor: an SE-only rule ending in .99.
  await page.getByTestId('market-SE').click();
  await page.getByTestId(`rule-${PRICE}`).click();
  await page.getByTestId('mode-visual').click();
  const override = page.getByTestId('make-override');
  if (await override.isVisible()) await override.click();
  await expect(page.getByTestId('rule-scope')).toHaveText('SE only');
  const ending = page.locator('[data-fn="priceEnding"] select').first();
  await ending.selectOption('.99');
  await expect(page.getByTestId('rule-expression')).toContainText("$priceEnding('.99')");
  await shot(page, '03-visual-editor');

  // 4. The title rule, in Monaco: upper-case titles.
  await page.getByTestId('market-ALL').click();
  await page.getByTestId('rule-title').click();
  await page.getByTestId('mode-code').click();
  const editor = page.getByTestId('rule-code-editor').locator('.monaco-editor');
  await expect(editor).toBeVisible();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(' ~> $uppercase()');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('rule-expression')).toContainText('~> $uppercase()');
  await expect(page.getByTestId('draft-problems')).toHaveCount(0);
  await shot(page, '04-monaco-editor');

  // 5. Save, preview on real samples, compare with the live version.
  const saved = waitForOperation(page, 'UpdateMappingDraft');
  await page.getByTestId('save-draft').click();
  expect((await saved).ok()).toBeTruthy();
  await page.getByTestId('run-preview').click();
  await expect(page.getByTestId('preview-row').first()).toBeVisible({ timeout: 60_000 });
  await shot(page, '05-preview');
  await page.getByTestId('run-impact').click();
  await expect(page.getByTestId('impact-report')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('impact-change').first()).toBeVisible();
  // Money deltas: SE prices move to the .99 ending, other markets keep theirs.
  await expect(page.locator('[data-testid="impact-change"][data-field="price.amount_including_vat"]').first()).toContainText('SE');
  await expect(page.locator('[data-testid="impact-market"][data-market="SE"]')).toContainText('price.amount_including_vat');
  await expect(page.locator('[data-testid="impact-market"][data-market="DK"]')).not.toContainText('price.amount_including_vat');
  await shot(page, '06-impact');

  // 6. Publish, with confirmation.
  await page.getByTestId('publish').click();
  await expect(page.locator('dialog[open]')).toBeVisible();
  await page.getByTestId('publish-note').fill('SE prices end in .99; upper-case titles');
  const published = waitForOperation(page, 'PublishMappingVersion');
  await page.locator('dialog[open]').getByTestId('confirm-button').click();
  expect((await published).ok()).toBeTruthy();
  await expect(page.getByTestId('published-version')).not.toHaveText(liveBefore);
  const liveAfter = (await page.getByTestId('published-version').innerText()).trim();

  // 7. Run now; the new prices and titles reach the CDON sandbox.
  await page.goto(studio(`/integrations/${integrationId}`));
  await runNowAndWait(page, integrationId, 'catalog');
  await shot(page, '07-dashboard-after-run');
  await expect
    .poll(async () => {
      const se = snapshot(await cdonArticles(), 'SE');
      return [...se.values()].filter((p) => p.toFixed(2).endsWith('.99')).length / Math.max(1, se.size);
    }, { timeout: 120_000, message: 'SE prices end in .99' })
    .toBe(1);
  const after = await cdonArticles();
  const dkAfter = snapshot(after, 'DK');
  for (const [sku, p] of dkBefore) expect(dkAfter.get(sku), `DK price of ${sku} is unchanged`).toBe(p);
  const changedTitles = after.filter((a) => titleOf(a) !== titlesBefore.get(a.sku) && titleOf(a) === titleOf(a).toUpperCase());
  expect(changedTitles.length).toBeGreaterThan(0);

  // 8. Roll back to the previous version and run again: the old prices return.
  await page.goto(studio('/mappings'));
  await page.locator('[data-testid="mapping-row"][data-flow="catalog"] a').first().click();
  await page.getByTestId('tab-history').click();
  await shot(page, '08-history');
  const previous = liveBefore.replace(/^v/, '');
  await page.getByTestId(`rollback-${previous}`).click();
  const rolledBack = waitForOperation(page, 'RollbackMapping');
  await page.locator('dialog[open]').getByTestId('confirm-button').click();
  expect((await rolledBack).ok()).toBeTruthy();
  await expect(page.getByTestId('published-version')).toHaveText(liveBefore);
  expect(liveAfter).not.toBe(liveBefore);

  await page.goto(studio(`/integrations/${integrationId}`));
  await runNowAndWait(page, integrationId, 'catalog');
  await expect
    .poll(async () => {
      const se = snapshot(await cdonArticles(), 'SE');
      let same = 0;
      for (const [sku, p] of seBefore) if (se.get(sku) === p) same++;
      return same / Math.max(1, seBefore.size);
    }, { timeout: 120_000, message: 'the old SE prices are back' })
    .toBe(1);
});
