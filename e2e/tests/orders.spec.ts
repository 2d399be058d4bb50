/**
 * An order created on the CDON sandbox appears in the panel, reaches the
 * Charisma sandbox, gets an AWB, and its timeline updates live (no reload).
 */
import { expect, test } from '@playwright/test';
import { cdonArticles, charismaSalesOrders, createCdonOrder, invoiceSalesOrder } from '../support/sandbox.ts';
import { runNowAndWait, shot, signIn, studio } from '../support/studio.ts';

test('a CDON order reaches the ERP, gets an AWB, and its timeline updates live', async ({ page, context }) => {
  const integrationId = await signIn(page, 'admin');

  // An article that is listed and in stock.
  await expect.poll(async () => (await cdonArticles()).filter((a) => a.quantity > 2 && a.markets.includes('SE')).length, { timeout: 180_000 }).toBeGreaterThan(0);
  const article = (await cdonArticles()).find((a) => a.quantity > 2 && a.markets.includes('SE'))!;
  const order = await createCdonOrder(article.sku, 1, 'SE');

  // The orders flow brings it in; the list shows it as it arrives.
  const dashboard = await context.newPage();
  await dashboard.goto(studio(`/integrations/${integrationId}`));
  await page.goto(studio(`/integrations/${integrationId}/orders`));
  await expect(page.getByTestId('orders-table').or(page.getByTestId('empty-state'))).toBeVisible();
  await runNowAndWait(dashboard, integrationId, 'orders');
  const row = page.locator(`[data-testid="order-row"][data-channel-order-id="${order.id}"]`);
  await expect(row).toBeVisible({ timeout: 60_000 });
  await shot(page, '10-orders');

  // The detail page stays open from here on: every later step must arrive live.
  await row.getByRole('link').click();
  await expect(page.getByTestId('order-detail')).toBeVisible();
  await expect(page.getByTestId('timeline-received')).toHaveAttribute('data-step-done', 'true');
  await expect(page.getByTestId('timeline-erp')).toHaveAttribute('data-step-done', 'true', { timeout: 60_000 });
  const erpRef = (await page.getByTestId('erp-reference').innerText()).trim();
  expect(erpRef).not.toBe('');

  // It is really in the Charisma sandbox, exactly once.
  const salesOrders = (await charismaSalesOrders()).filter((s) => JSON.stringify(s).includes(order.id));
  expect(salesOrders).toHaveLength(1);
  await shot(page, '11-order-in-erp');

  // The ERP invoices it; the invoice and tracking flows attach the PDF and mint the AWB.
  const salesOrderId = String(salesOrders[0]!.id ?? salesOrders[0]!.number ?? '');
  if (salesOrderId) await invoiceSalesOrder(salesOrderId).catch(() => undefined);
  await runNowAndWait(dashboard, integrationId, 'invoices');
  await runNowAndWait(dashboard, integrationId, 'tracking');
  await expect(page.getByTestId('timeline-awb')).toHaveAttribute('data-step-done', 'true', { timeout: 90_000 });
  await expect(page.getByTestId('awb')).not.toHaveText('');
  await expect(page.getByTestId('tracking-link').or(page.getByTestId('label-link')).first()).toBeVisible();
  await shot(page, '12-order-timeline');
});
